import Accordion from '@mui/material/Accordion'
import AccordionDetails from '@mui/material/AccordionDetails'
import AccordionSummary from '@mui/material/AccordionSummary'
import ExpandMoreOutlined from '@mui/icons-material/ExpandMoreOutlined'
import Box from '@mui/material/Box'
import Table from '@mui/material/Table'
import TableBody from '@mui/material/TableBody'
import TableCell from '@mui/material/TableCell'
import TableHead from '@mui/material/TableHead'
import TableRow from '@mui/material/TableRow'
import Typography from '@mui/material/Typography'
import { BarChart } from '@mui/x-charts/BarChart'
import type { FailureReport } from '../../src-shared/domain/payments'
import { ErrorAlert } from '../error-alert'
import { formatDateTime } from '../format'
import { formatAtRisk } from './labels'

type Props = { report: FailureReport | undefined; error: unknown }

/** The failed-payments report: unresolved failures grouped by error type. */
export const ReportPanel = ({ report, error }: Props) => {
  const groups = report?.groups ?? []
  return (
    <Accordion disableGutters variant="outlined" sx={{ mt: 2 }}>
      <AccordionSummary expandIcon={<ExpandMoreOutlined />} aria-controls="failure-report">
        <Typography variant="subtitle2" component="h2">
          Report: unresolved failures by error type
        </Typography>
      </AccordionSummary>
      <AccordionDetails id="failure-report">
        {error ? <ErrorAlert error={error} /> : null}
        {report && groups.length === 0 ? (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            No unresolved failures.
          </Typography>
        ) : null}
        {groups.length > 0 ? (
          <Box
            sx={{
              display: 'grid',
              gap: 2,
              gridTemplateColumns: { md: '1fr 1fr' },
              alignItems: 'start',
            }}
          >
            <Table size="small" aria-label="Failures by error type">
              <TableHead>
                <TableRow>
                  <TableCell>Error type</TableCell>
                  <TableCell align="right">Count</TableCell>
                  <TableCell>Oldest</TableCell>
                  <TableCell align="right">Avg. attempts</TableCell>
                  <TableCell align="right">At risk</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {groups.map((group) => (
                  <TableRow key={group.errorType}>
                    <TableCell>{group.errorType}</TableCell>
                    <TableCell align="right">{group.count}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(group.oldest)}
                    </TableCell>
                    <TableCell align="right">{group.averageAttempts}</TableCell>
                    <TableCell align="right">{formatAtRisk(group.atRisk)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <BarChart
              height={Math.max(180, groups.length * 32 + 60)}
              skipAnimation
              layout="horizontal"
              grid={{ vertical: true }}
              yAxis={[{ scaleType: 'band', data: groups.map((g) => g.errorType), width: 150 }]}
              xAxis={[{ tickMinStep: 1 }]}
              series={[{ label: 'Failures', data: groups.map((g) => g.count) }]}
              hideLegend
            />
          </Box>
        ) : null}
        {report ? (
          <Typography variant="caption" component="p" sx={{ color: 'text.secondary', mt: 1 }}>
            As of {formatDateTime(report.generatedAt)}
          </Typography>
        ) : null}
      </AccordionDetails>
    </Accordion>
  )
}
