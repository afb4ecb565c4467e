import { readFileSync } from 'node:fs'
import { invoke } from '../../src-main/ipc/dispatcher'
import { frozenClock, testApp } from '../support/test-app'

export const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')

/**
 * A test app in mid-November 2026 with the catalog fixture, effective before the customers
 * start, so that "the current version" of each plan is version 1.
 */
export const customersTestApp = async (): Promise<Awaited<ReturnType<typeof testApp>>> => {
  const app = await testApp({ clock: frozenClock('2026-11-15T12:00:00.000Z') })
  await invoke(app.dispatch, 'catalog:import', {
    text: fixture('catalog.yaml').replace('effectiveDate: 2026-12-01', 'effectiveDate: 2026-01-01'),
  })
  return app
}
