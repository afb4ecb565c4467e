import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined'
import RemoveCircleOutlineOutlined from '@mui/icons-material/RemoveCircleOutlineOutlined'
import Box from '@mui/material/Box'
import Card from '@mui/material/Card'
import CardContent from '@mui/material/CardContent'
import Chip from '@mui/material/Chip'
import LinearProgress from '@mui/material/LinearProgress'
import Stack from '@mui/material/Stack'
import Typography from '@mui/material/Typography'
import { useId } from 'react'
import type { PlanFeature } from '../../src-shared/domain/catalog'
import type { Entitlement } from '../../src-shared/domain/entitlements'
import type { Overage } from '../../src-shared/domain/upcoming-invoice'
import { formatMinute, formatMoney, formatQuantity } from '../format'
import { meterLevel } from './meter-level'

const typeLabels: Record<Entitlement['type'], string> = {
  usage: 'Usage',
  quota: 'Quota',
  rate: 'Rate limit',
  boolean: 'Feature',
}

const percentFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })

/** What the units over the allowance cost at this customer's price (from the estimate). */
export type OverageCost = Overage & { currency: string }

type CardProps = { meter: Entitlement; feature?: PlanFeature; overage?: OverageCost | undefined }

const MeterCard = ({ meter, feature, overage }: CardProps) => {
  const titleId = useId()
  const unit = feature?.unit ? ` ${feature.unit}` : ''
  const percent = meter.percentUsed
  const color = meterLevel(percent, meter.thresholds)
  return (
    <Card component="section" aria-labelledby={titleId} data-testid={`meter-${meter.code}`}>
      <CardContent sx={{ display: 'grid', gap: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
          <Typography id={titleId} variant="subtitle2" component="h3" sx={{ flexGrow: 1 }}>
            {feature?.name ?? meter.code}
          </Typography>
          <Typography variant="caption" sx={{ color: 'text.secondary' }}>
            {typeLabels[meter.type]}
          </Typography>
        </Stack>
        <Typography variant="body2">
          <strong>{formatQuantity(meter.used)}</strong>
          {meter.limit === null
            ? `${unit} used · no limit`
            : ` / ${formatQuantity(meter.limit)}${unit}`}
        </Typography>
        {percent !== null ? (
          <>
            {/* percentUsed is a display figure from the server; nothing is computed from it. */}
            <LinearProgress
              variant="determinate"
              value={Math.min(100, percent)}
              color={color}
              aria-label={`${feature?.name ?? meter.code} used`}
              data-level={color}
              sx={{ height: 8, borderRadius: 4 }}
            />
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography
                variant="body2"
                sx={{ color: color === 'primary' ? 'text.primary' : `${color}.main`, flexGrow: 1 }}
              >
                {percentFormat.format(percent)}% used
                {overage ? (
                  <Box component="span" data-testid={`overage-${meter.code}`}>
                    {` · ${formatQuantity(overage.overUnits)}${unit} over: `}
                    <strong>{formatMoney(overage.amountMinor, overage.currency)}</strong>
                  </Box>
                ) : null}
              </Typography>
              {meter.allowed ? null : <Chip label="Blocked" color="error" />}
            </Stack>
            {meter.thresholds.length > 0 ? (
              <Typography
                variant="caption"
                sx={{ color: 'text.secondary' }}
                data-testid={`thresholds-${meter.code}`}
              >
                Alerts at {meter.thresholds.map((t) => `${t}%`).join(', ')}
              </Typography>
            ) : null}
          </>
        ) : null}
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          {meter.resetsAt ? `Resets ${formatMinute(meter.resetsAt)}` : 'No reset pending'}
          {' · '}
          <Box component="code" sx={{ fontFamily: 'monospace' }}>
            {meter.code}
          </Box>
        </Typography>
      </CardContent>
    </Card>
  )
}

type Props = {
  meters: readonly Entitlement[]
  features: readonly PlanFeature[]
  overages?: readonly OverageCost[]
}

/** One card per metered feature, coloured as it nears its limit; switches as chips. */
export const MeterCards = ({ meters, features, overages = [] }: Props) => {
  const featureOf = (code: string) => features.find((feature) => feature.code === code)
  const metered = meters.filter((meter) => meter.type !== 'boolean')
  const switches = meters.filter((meter) => meter.type === 'boolean')
  return (
    <Stack spacing={2}>
      {metered.length > 0 ? (
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))',
            gap: 2,
          }}
        >
          {metered.map((meter) => (
            <MeterCard
              key={meter.code}
              meter={meter}
              feature={featureOf(meter.code)}
              overage={overages.find((overage) => overage.code === meter.code)}
            />
          ))}
        </Box>
      ) : null}
      {switches.length > 0 ? (
        <Stack direction="row" useFlexGap sx={{ flexWrap: 'wrap', gap: 1 }}>
          {switches.map((meter) => (
            <Chip
              key={meter.code}
              icon={meter.allowed ? <CheckCircleOutlined /> : <RemoveCircleOutlineOutlined />}
              label={`${featureOf(meter.code)?.name ?? meter.code}: ${meter.allowed ? 'on' : 'off'}`}
              color={meter.allowed ? 'success' : 'default'}
              variant="outlined"
            />
          ))}
        </Stack>
      ) : null}
      {meters.length === 0 ? (
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          The plan has no features to meter.
        </Typography>
      ) : null}
    </Stack>
  )
}
