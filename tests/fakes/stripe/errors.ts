export type StripeErrorBody = {
  error: {
    type:
      | 'api_error'
      | 'card_error'
      | 'idempotency_error'
      | 'invalid_request_error'
      | 'authentication_error'
    message: string
    code?: string
    decline_code?: string
    param?: string
    charge?: string
  }
}

/** Thrown by a resource handler; the server answers with `status` and `body`. */
export class StripeFailure extends Error {
  readonly status: number
  readonly body: StripeErrorBody

  constructor(status: number, body: StripeErrorBody) {
    super(body.error.message)
    this.name = 'StripeFailure'
    this.status = status
    this.body = body
  }
}

export const invalidRequest = (
  message: string,
  extra: { code?: string; param?: string; status?: number } = {},
): StripeFailure => {
  const { status = 400, ...rest } = extra
  return new StripeFailure(status, { error: { type: 'invalid_request_error', message, ...rest } })
}

/** Stripe answers 404 for an unknown id in the path, 400 for one passed as a parameter. */
export const noSuch = (kind: string, id: string, param?: string): StripeFailure =>
  invalidRequest(`No such ${kind}: '${id}'`, {
    code: 'resource_missing',
    status: param === undefined ? 404 : 400,
    ...(param === undefined ? {} : { param }),
  })
