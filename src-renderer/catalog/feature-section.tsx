import AddOutlined from '@mui/icons-material/AddOutlined'
import ErrorOutlineOutlined from '@mui/icons-material/ErrorOutlineOutlined'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import FormHelperText from '@mui/material/FormHelperText'
import List from '@mui/material/List'
import ListItem from '@mui/material/ListItem'
import ListItemButton from '@mui/material/ListItemButton'
import ListItemText from '@mui/material/ListItemText'
import Menu from '@mui/material/Menu'
import MenuItem from '@mui/material/MenuItem'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useId, useState } from 'react'
import { featureTypes, type PlanFeature } from '../../src-shared/domain/catalog'
import type { RoundingRule } from '../../src-shared/domain/pricing'
import type { ErrorScope } from './field-errors'
import { FeatureEditor } from './feature-editor'
import { featureTypeLabels, newFeature } from './plan-form'

type Props = {
  features: readonly PlanFeature[]
  onChange: (features: PlanFeature[]) => void
  /** Errors relative to the feature list (`[0].code`). */
  errors: ErrorScope
  currency: string
  rounding: RoundingRule
  readOnly: boolean
}

const AddFeatureButton = ({ onAdd }: { onAdd: (feature: PlanFeature) => void }) => {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null)
  return (
    <>
      <Button
        variant="outlined"
        startIcon={<AddOutlined />}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        Add feature
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {featureTypes.map((type) => (
          <MenuItem
            key={type}
            onClick={() => {
              setAnchor(null)
              onAdd(newFeature(type))
            }}
          >
            {featureTypeLabels[type]}
          </MenuItem>
        ))}
      </Menu>
    </>
  )
}

/** The plan's features: a list to pick one from, and the picked one's form beside it. */
export const FeatureSection = ({
  features,
  onChange,
  errors,
  currency,
  rounding,
  readOnly,
}: Props) => {
  const [picked, setPicked] = useState(0)
  const headingId = useId()
  const selected = Math.min(picked, Math.max(features.length - 1, 0))
  const feature = features[selected]

  // Messages are pinned to positions, which shift when a feature comes or goes.
  const reshape = (next: PlanFeature[], select: number): void => {
    errors.clear()
    onChange(next)
    setPicked(select)
  }

  return (
    <Paper variant="outlined" component="section" aria-labelledby={headingId}>
      <Stack
        direction="row"
        sx={{ alignItems: 'center', justifyContent: 'space-between', px: 2, py: 1.25 }}
      >
        <Typography id={headingId} variant="subtitle2" component="h2">
          Features ({features.length})
        </Typography>
        {readOnly ? null : (
          <AddFeatureButton onAdd={(added) => reshape([...features, added], features.length)} />
        )}
      </Stack>
      {errors.get() ? (
        <FormHelperText error sx={{ px: 2 }}>
          {errors.get()}
        </FormHelperText>
      ) : null}
      {feature === undefined ? (
        <Typography variant="body2" sx={{ color: 'text.secondary', px: 2, pb: 2 }}>
          No features: subscribers pay the base price only.
          {readOnly ? '' : ' Add usage, quota, rate-limit or on/off features here.'}
        </Typography>
      ) : (
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: '1fr', md: '220px minmax(0, 1fr)' },
            borderTop: 1,
            borderColor: 'divider',
          }}
        >
          <List
            aria-label="Features"
            sx={{
              p: 1,
              // Widths only: a responsive `border` shorthand would reset the divider colour.
              borderStyle: 'solid',
              borderWidth: { xs: '0 0 1px 0', md: '0 1px 0 0' },
              borderColor: 'divider',
            }}
          >
            {features.map((item, index) => (
              // A list holds only items (axe's list rule): the button goes inside one.
              <ListItem key={index} disablePadding>
                <ListItemButton
                  selected={index === selected}
                  aria-current={index === selected ? 'true' : undefined}
                  onClick={() => setPicked(index)}
                  sx={{ borderRadius: 1 }}
                >
                  <ListItemText
                    primary={item.name || item.code || 'Untitled feature'}
                    secondary={`${featureTypeLabels[item.type]}${item.code ? ` · ${item.code}` : ''}`}
                    slotProps={{ primary: { noWrap: true }, secondary: { noWrap: true } }}
                  />
                  {errors.has(`[${index}]`) ? (
                    <ErrorOutlineOutlined
                      color="error"
                      fontSize="small"
                      titleAccess="Has problems"
                    />
                  ) : null}
                </ListItemButton>
              </ListItem>
            ))}
          </List>
          <Box sx={{ p: 2, minWidth: 0 }}>
            <FeatureEditor
              key={selected}
              feature={feature}
              onChange={(next) => onChange(features.map((f, i) => (i === selected ? next : f)))}
              onRemove={() =>
                reshape(
                  features.filter((_f, i) => i !== selected),
                  Math.max(selected - 1, 0),
                )
              }
              errors={errors.at(`[${selected}]`)}
              currency={currency}
              rounding={rounding}
              readOnly={readOnly}
            />
          </Box>
        </Box>
      )}
    </Paper>
  )
}
