import Alert from '@mui/material/Alert'
import AlertTitle from '@mui/material/AlertTitle'
import Box from '@mui/material/Box'
import Button from '@mui/material/Button'
import CircularProgress from '@mui/material/CircularProgress'
import Tooltip from '@mui/material/Tooltip'
import { useState, type KeyboardEvent } from 'react'
import type { Plan, PlanVersion } from '../../src-shared/domain/catalog'
import { ApiError } from '../api'
import { ErrorAlert } from '../error-alert'
import { DiscardDialog } from './discard-dialog'
import { errorScope, type FieldErrors } from './field-errors'
import { formOf, formTerms, type PlanForm } from './plan-form'
import { PlanLayout } from './plan-layout'
import { PublishDialog } from './publish-dialog'
import { useSaveDraft } from './queries'
import { TermsEditor } from './terms-editor'
import { FieldErrorList } from '../field-error-list'
import { WhatIfDialog } from './what-if-dialog'

type Props = {
  plan: Plan
  draft: PlanVersion
  onNotice: (message: string) => void
}

const validationFields = (error: unknown): FieldErrors | undefined =>
  error instanceof ApiError && error.code === 'validation_failed' && error.fields
    ? error.fields
    : undefined

/** Field messages still open after a rejected save, listed so none hides in an unselected tab. */
const ProblemSummary = ({ errors }: { errors: FieldErrors }) => {
  const entries = Object.entries(errors)
  if (entries.length === 0) return null
  return (
    <Alert severity="error" sx={{ mb: 2 }}>
      <AlertTitle>The draft was not saved: fix the fields marked below</AlertTitle>
      <FieldErrorList fields={entries} />
    </Alert>
  )
}

/**
 * The editable draft of a plan. The form is a local copy; "Save draft" replaces the server's
 * draft with it, and only a saved draft can be published.
 */
export const DraftWorkspace = ({ plan, draft, onNotice }: Props) => {
  const save = useSaveDraft()
  const [form, setForm] = useState<PlanForm>(() => formOf(plan.name, draft))
  const [saved, setSaved] = useState(form)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [dialog, setDialog] = useState<'publish' | 'discard' | 'what-if'>()

  const terms = formTerms(form)
  const dirty = JSON.stringify(form) !== JSON.stringify(saved)
  const otherError = save.error && !validationFields(save.error) ? save.error : undefined

  const submit = (): void => {
    if (!terms || !dirty || save.isPending) return
    const sent = form
    save.mutate(
      { id: plan.id, name: sent.name, terms },
      {
        onSuccess: () => {
          setSaved(sent)
          setErrors({})
          onNotice(`Draft version ${draft.version} saved`)
        },
        onError: (error) => setErrors(validationFields(error) ?? {}),
      },
    )
  }
  // Ctrl+S / Cmd+S saves, as in any desktop editor.
  const onKeyDown = (event: KeyboardEvent): void => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault()
      submit()
    }
  }

  // A never-published plan's first draft is the whole plan: there is nothing to fall back to.
  const canDiscard = plan.versions.some((version) => version.status === 'published')

  const actions = (
    <>
      <Tooltip title={canDiscard ? '' : 'The first version has nothing to go back to'}>
        <span>
          <Button
            color="error"
            onClick={() => setDialog('discard')}
            disabled={!canDiscard || save.isPending}
          >
            Discard draft
          </Button>
        </span>
      </Tooltip>
      <Button
        variant="outlined"
        onClick={submit}
        disabled={!terms || !dirty || save.isPending}
        startIcon={save.isPending ? <CircularProgress size={14} color="inherit" /> : null}
      >
        Save draft
      </Button>
      <Tooltip title={dirty ? 'Save the draft first: the what-if prices the saved terms' : ''}>
        <span>
          <Button onClick={() => setDialog('what-if')} disabled={dirty || save.isPending}>
            What if…
          </Button>
        </span>
      </Tooltip>
      <Tooltip title={dirty ? 'Save the draft first: only saved terms are published' : ''}>
        <span>
          <Button
            variant="contained"
            onClick={() => setDialog('publish')}
            disabled={dirty || save.isPending}
          >
            Publish…
          </Button>
        </span>
      </Tooltip>
    </>
  )

  return (
    <Box onKeyDown={onKeyDown}>
      <PlanLayout
        plan={plan}
        current={draft}
        actions={actions}
        notice={
          <>
            {otherError ? (
              <Box sx={{ mb: 2 }}>
                <ErrorAlert error={otherError} />
              </Box>
            ) : null}
            <ProblemSummary errors={errors} />
          </>
        }
        terms={
          <TermsEditor
            form={form}
            onChange={setForm}
            errors={errorScope(errors, setErrors)}
            readOnly={false}
          />
        }
      />
      {dialog === 'publish' ? (
        <PublishDialog
          plan={plan}
          version={draft.version}
          onClose={() => setDialog(undefined)}
          onPublished={() => onNotice(`Version ${draft.version} published`)}
        />
      ) : null}
      {dialog === 'what-if' ? (
        <WhatIfDialog
          planId={plan.id}
          version={draft.version}
          onClose={() => setDialog(undefined)}
        />
      ) : null}
      {dialog === 'discard' ? (
        <DiscardDialog
          plan={plan}
          version={draft.version}
          onClose={() => setDialog(undefined)}
          onDiscarded={() => onNotice(`Draft version ${draft.version} discarded`)}
        />
      ) : null}
    </Box>
  )
}
