import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import Paper from '@mui/material/Paper'
import Stack from '@mui/material/Stack'
import Step from '@mui/material/Step'
import StepLabel from '@mui/material/StepLabel'
import Stepper from '@mui/material/Stepper'
import { useQueryClient } from '@tanstack/react-query'
import { useRef, useState, type ReactNode } from 'react'
import type {
  ImportPolicy,
  UsageField,
  UsageFormat,
  UsagePreview,
} from '../../src-shared/domain/usage'
import { ErrorAlert } from '../error-alert'
import { FileStep } from './file-step'
import { formatOf, readSample } from './file-format'
import { ImportResult } from './import-result'
import { MappingStep } from './mapping-step'
import { PreviewStep } from './preview-step'
import { ProgressStep } from './progress-step'
import { useBeginImport, useMappingFor, usePreview } from './queries'
import { clearUpload, startUpload, useUpload } from './upload-store'
import { completeMapping, mappingErrorsOf, onlyMappingErrors, type Draft } from './wizard-draft'

const steps = ['Choose file', 'Map columns', 'Preview', 'Import', 'Result'] as const

/**
 * Usage import in five steps. The first three only read the start of the file; the fourth sends
 * it whole, and from then on the upload store (not this component) owns it.
 */
export const ImportWizard = () => {
  const queryClient = useQueryClient()
  const upload = useUpload()
  const [step, setStep] = useState<0 | 1 | 2>(0)
  const [draft, setDraft] = useState<Draft>()
  const [policy, setPolicy] = useState<ImportPolicy>('keep_valid')
  const [mappingErrors, setMappingErrors] = useState<Partial<Record<UsageField, string>>>({})
  // Why the file could not be read or mapped (the server's answer, an unreadable file, no columns).
  const [problem, setProblem] = useState<unknown>()
  // One step change at a time: a second click while the first is on its way (a double click)
  // would act on the state from before it and could undo it.
  const moving = useRef(false)
  // Shown as the forward button's loading state: it keeps its size, so nothing moves under the
  // pointer when the next step appears.
  const [busy, setBusy] = useState(false)
  const detect = usePreview()
  const mappingFor = useMappingFor()
  const preview = usePreview()
  const begin = useBeginImport()
  const active = upload ? (upload.phase === 'finished' ? 4 : 3) : step
  const fullMapping = draft ? completeMapping(draft.mapping) : undefined

  const chooseFile = (file: File): void => {
    detect.reset()
    mappingFor.reset()
    setProblem(undefined)
    setDraft({
      file,
      format: formatOf(file.name),
      sample: '',
      headers: [],
      delimiter: null,
      mapping: {},
    })
  }

  const move = async (run: () => Promise<void>): Promise<void> => {
    if (moving.current) return
    moving.current = true
    setBusy(true)
    try {
      await run()
    } finally {
      moving.current = false
      setBusy(false)
    }
  }

  const toMapping = async (): Promise<void> => {
    if (!draft) return
    setProblem(undefined)
    try {
      const sample = await readSample(draft.file)
      const found = await detect.mutateAsync({ format: draft.format, sample, rows: 20 })
      if (found.headers.length === 0) {
        setProblem(
          new Error('No columns were found at the start of the file. Is the format right?'),
        )
        return
      }
      // The preview already tries a remembered mapping; ask by headers too when it found none.
      const mapping = found.mapping ?? (await mappingFor.mutateAsync({ headers: found.headers }))
      setDraft({
        ...draft,
        sample,
        headers: found.headers,
        delimiter: found.delimiter,
        mapping: mapping ?? {},
      })
      setMappingErrors({})
      setStep(1)
    } catch (error) {
      // Not only the server's errors: reading the file can fail too.
      setProblem(error)
    }
  }

  const toPreview = async (): Promise<void> => {
    if (!draft || !fullMapping) return
    try {
      const result: UsagePreview = await preview.mutateAsync({
        format: draft.format,
        sample: draft.sample,
        mapping: fullMapping,
        rows: 20,
      })
      setDraft({ ...draft, preview: result })
      setStep(2)
    } catch (error) {
      setMappingErrors(mappingErrorsOf(error))
    }
  }

  const start = async (): Promise<void> => {
    if (!draft || !fullMapping) return
    try {
      const started = await begin.mutateAsync({
        fileName: draft.file.name,
        format: draft.format,
        mapping: fullMapping,
        policy,
        totalBytes: draft.file.size,
      })
      startUpload({ file: draft.file, started, queryClient })
    } catch {
      // Shown from the mutation's error below.
    }
  }

  const startOver = (): void => {
    clearUpload()
    for (const mutation of [detect, mappingFor, preview, begin]) mutation.reset()
    setProblem(undefined)
    setDraft(undefined)
    setPolicy('keep_valid')
    setStep(0)
  }

  const error = problem ?? [detect, mappingFor, preview, begin].find((m) => m.isError)?.error
  const fieldErrorsShown = active === 1 && onlyMappingErrors(error)

  let body: ReactNode
  // Keyed per step, so React never turns one step's Next into the next step's Back under the
  // pointer (a reused button node would take a click meant for the button that was there).
  let actions: ReactNode[] = []
  if (active === 0) {
    body = (
      <FileStep
        file={draft?.file}
        format={draft?.format ?? 'csv'}
        onFile={chooseFile}
        onFormat={(format: UsageFormat) => draft && setDraft({ ...draft, format })}
      />
    )
    actions = [
      <Button
        key="to-mapping"
        variant="contained"
        disabled={!draft}
        loading={busy}
        onClick={() => void move(toMapping)}
      >
        Next
      </Button>,
    ]
  } else if (active === 1 && draft) {
    body = (
      <MappingStep
        headers={draft.headers}
        delimiter={draft.delimiter}
        mapping={draft.mapping}
        errors={mappingErrors}
        onChange={(field, column) => {
          setDraft({ ...draft, mapping: { ...draft.mapping, [field]: column } })
          setMappingErrors((current) => ({ ...current, [field]: undefined }))
        }}
      />
    )
    actions = [
      <Button key="back-to-file" disabled={busy} onClick={() => setStep(0)}>
        Back
      </Button>,
      <Button
        key="to-preview"
        variant="contained"
        disabled={!fullMapping}
        loading={busy}
        onClick={() => void move(toPreview)}
      >
        Next
      </Button>,
    ]
  } else if (active === 2 && draft?.preview && fullMapping) {
    body = (
      <PreviewStep
        preview={draft.preview}
        mapping={fullMapping}
        policy={policy}
        onPolicy={setPolicy}
      />
    )
    actions = [
      <Button key="back-to-mapping" disabled={busy} onClick={() => setStep(1)}>
        Back
      </Button>,
      <Button key="start" variant="contained" loading={busy} onClick={() => void move(start)}>
        Start import
      </Button>,
    ]
  } else if (active === 3 && upload) {
    body = <ProgressStep upload={upload} />
  } else if (upload) {
    body = <ImportResult importId={upload.importId} />
    actions = [
      <Button key="start-over" variant="contained" onClick={startOver}>
        Import another file
      </Button>,
    ]
  }

  return (
    <Stack spacing={2}>
      <Stepper activeStep={active} aria-label="Import steps">
        {steps.map((label) => (
          <Step key={label}>
            <StepLabel>{label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {error && !fieldErrorsShown && active < 3 ? <ErrorAlert error={error} /> : null}
      <Paper variant="outlined" sx={{ p: 3 }}>
        {body}
      </Paper>
      {actions.length > 0 ? (
        <Box sx={{ display: 'flex', gap: 1, justifyContent: 'flex-end' }}>{actions}</Box>
      ) : null}
    </Stack>
  )
}
