import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query'
import type { MailOutboxQuery } from '../../src-shared/domain/mail'
import { call } from '../api'
import { channelQuery } from '../channel-query'

export const useMailStatus = () => useQuery(channelQuery('mail:status', {}))
export const useMailOutbox = (query: MailOutboxQuery) =>
  useQuery(channelQuery('mail:outbox', query))
export const useInvoiceMail = (invoiceId: number) =>
  useQuery(channelQuery('mail:log', { invoiceId }))

/** Every mail read, by channel prefix: a send changes the outbox, the logs and the counts. */
const refreshMail = (client: QueryClient): Promise<unknown> =>
  Promise.all(
    ['mail:status', 'mail:outbox', 'mail:log'].map((channel) =>
      client.invalidateQueries({ queryKey: [channel] }),
    ),
  )

const useMailMutation = <I, O>(fn: (input: I) => Promise<O>) => {
  const client = useQueryClient()
  return useMutation({ mutationFn: fn, onSettled: () => refreshMail(client) })
}

export const useSetSmtpPassword = () =>
  useMailMutation((password: string) => call('mail:set-password', { password }))
export const useClearSmtpPassword = () => useMailMutation(() => call('mail:clear-password', {}))
export const useTestMail = () =>
  useMutation({ mutationFn: (to: string) => call('mail:test', { to }) })
/** Sends what is due now (everything queued with `takeAll`). */
export const useSendMail = () =>
  useMailMutation((takeAll: boolean) => call('mail:process', { takeAll }))
export const useRetryMail = () =>
  useMailMutation(async (ids: number[]) => {
    await call('mail:retry', { ids })
    return call('mail:process', { takeAll: false })
  })
/** Queues the invoice's email (again, with resend) and sends it now. */
export const useSendInvoice = () =>
  useMailMutation(async (input: { invoiceId: number; resend: boolean }) => {
    await call('mail:send-invoice', input)
    return call('mail:process', { takeAll: false })
  })
