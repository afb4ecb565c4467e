import type { Invoice } from '../../src-shared/domain/billing'
import { billSubscription } from '../billing/bill-one'
import { dayOf } from '../calendar/business-days'
import { readSettingsNow } from '../settings/settings-service'
import type { Ledger } from '../db/ledger'
import { AppError } from '../errors'
import type { HandlersFor, MutationCtx } from '../ipc/handlers-types'
import { issueCreditNote } from './credit-notes'
import { exportCsv } from './csv-export'
import { documentPdf } from './documents'
import { finalizeCheck } from './finalize-warnings'
import { addManualLine, draftRow, removeManualLine } from './draft-editing'
import { listInvoices } from './invoice-list'
import {
  auditSummary,
  getInvoice,
  invoiceLabel,
  invoiceRow,
  type InvoiceRow,
} from './invoice-store'
import { finalizeInvoice, markPaid, markUncollectible, voidInvoice, type Change } from './lifecycle'

/**
 * The invoice channels. The services work synchronously on the ledger's raw connection, which
 * inside a mutation is the dispatcher's transaction: a refused step rolls everything back,
 * numbers taken included.
 */
export const invoicesHandlers = (ledger: Ledger): HandlersFor<'invoices'> => {
  const { db } = ledger
  const opts = (ctx: MutationCtx) => ({ now: ctx.now(), operator: ctx.operator })

  /** Audits a change and answers with the invoice as it now is. */
  const done = async (ctx: MutationCtx, change: Change): Promise<Invoice> => {
    await ctx.audit({
      entityType: 'invoice',
      entityId: change.entityId,
      before: change.before,
      after: change.after,
    })
    return getInvoice(db, change.id)
  }

  return {
    'invoices:list': (query, ctx) =>
      Promise.resolve(
        listInvoices(db, query, dayOf(ctx.now(), readSettingsNow(db).businessTimeZone)),
      ),
    'invoices:get': ({ id }) => Promise.resolve(getInvoice(db, id)),
    'invoices:finalize': ({ id }, ctx) => done(ctx, finalizeInvoice(db, id, opts(ctx))),
    'invoices:void': ({ id, reason }, ctx) => done(ctx, voidInvoice(db, id, reason, opts(ctx))),
    'invoices:mark-paid': ({ id, note }, ctx) => done(ctx, markPaid(db, id, note, opts(ctx))),
    'invoices:mark-uncollectible': ({ id, reason }, ctx) =>
      done(ctx, markUncollectible(db, id, reason, opts(ctx))),
    'invoices:add-line': (input, ctx) => done(ctx, addManualLine(db, input, opts(ctx))),
    'invoices:remove-line': ({ invoiceId, lineId }, ctx) =>
      done(ctx, removeManualLine(db, invoiceId, lineId, opts(ctx))),
    'invoices:regenerate': async ({ id }, ctx) => {
      const before = draftRow(db, id)
      const item = billSubscription(db, before.subscription_id, {
        ...opts(ctx),
        period: before.period,
      })
      if (item.outcome === 'skipped' || item.outcome === 'failed')
        throw new AppError(
          'conflict',
          `Draft ${invoiceLabel(before)} could not be regenerated: ${item.reason ?? item.outcome}.`,
        )
      const after = invoiceRow(db, item.invoiceId ?? id)
      return done(ctx, {
        id: after.id,
        entityId: invoiceLabel(after),
        before: auditSummary(before),
        after: { ...summaryObject(after), outcome: item.outcome },
      })
    },
    'invoices:credit-note': (input, ctx) => done(ctx, issueCreditNote(db, input, opts(ctx))),
    'invoices:pdf': async (input) => {
      const { pdf, fileName } = await documentPdf(db, input)
      return { base64: pdf.toString('base64'), fileName }
    },
    // Documents (issue #16): what finalizing these drafts now would issue wrong.
    'invoices:finalize-check': ({ ids }) => Promise.resolve(finalizeCheck(db, ids)),
    'invoices:export-csv': (input) => {
      const { text, fileName } = exportCsv(db, input)
      return Promise.resolve({ text, fileName })
    },
  }
}

const summaryObject = (row: InvoiceRow): Record<string, ReturnType<typeof auditSummary>> => {
  const summary = auditSummary(row)
  return typeof summary === 'object' && summary !== null && !Array.isArray(summary) ? summary : {}
}
