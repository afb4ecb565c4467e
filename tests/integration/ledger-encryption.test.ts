import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { openLedger } from '../../src-main/db/ledger'
import { isEncryptedFile } from '../../src-main/db/sqlite-open'
import { changeEncryption } from '../../src-main/ledger-copy/encryption'
import { invoke } from '../../src-main/ipc/dispatcher'
import { testApp } from '../support/test-app'

const folder = mkdtempSync(join(tmpdir(), 'mb-encryption-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const KEY = 'correct horse battery'
const audit = { operator: 'ana', now: new Date('2026-12-07T10:00:00.000Z') }

/** Every byte Meterbook keeps of the ledger: the file, its WAL and shared-memory files. */
const bytesOf = (path: string): Buffer =>
  Buffer.concat([path, `${path}-wal`, `${path}-shm`].filter(existsSync).map((f) => readFileSync(f)))
const digestOf = (path: string): string => createHash('sha256').update(bytesOf(path)).digest('hex')

/** A ledger holding one customer whose name and email are easy to look for in the bytes. */
const ledgerWithCustomer = async (name: string): Promise<string> => {
  const path = join(folder, `${name}.sqlite`)
  const app = await testApp({ ledgerPath: path })
  await invoke(app.dispatch, 'customers:save', {
    externalId: 'zq',
    name: 'Zebulon Quartz Holdings',
    email: 'secret.billing@zebulon.example',
    currency: 'USD',
  })
  await app.close()
  return path
}

describe('an encrypted ledger', () => {
  it('keeps no customer name or email in clear, in the file or its WAL, also for rows written after', async () => {
    const path = await ledgerWithCustomer('at-rest')
    expect(bytesOf(path).includes('Zebulon Quartz')).toBe(true)

    expect(changeEncryption(path, { action: 'encrypt', key: KEY }, audit)).toEqual({
      path,
      action: 'encrypt',
      encrypted: true,
    })
    expect(isEncryptedFile(path)).toBe(true)
    const app = await testApp({ ledgerPath: path, ledgerKey: KEY })
    await invoke(app.dispatch, 'customers:save', {
      externalId: 'late',
      name: 'Written After Encryption Ltd',
      email: 'after@written.example',
      currency: 'USD',
    })
    // Still open: the new row is in the WAL, which is encrypted too.
    const bytes = bytesOf(path)
    for (const text of [
      'Zebulon Quartz',
      'secret.billing@zebulon',
      'Written After',
      'after@written',
    ])
      expect(bytes.includes(text), text).toBe(false)
    const { customers } = await invoke(app.dispatch, 'customers:list', {})
    expect(customers.map((c) => c.name).sort()).toEqual([
      'Written After Encryption Ltd',
      'Zebulon Quartz Holdings',
    ])
    await app.close()
  })

  it('refuses a wrong passphrase, a missing one, and a passphrase for a plain ledger, changing nothing', async () => {
    const path = await ledgerWithCustomer('refusals')
    const plain = await ledgerWithCustomer('plain')
    changeEncryption(path, { action: 'encrypt', key: KEY }, audit)
    const before = digestOf(path)

    await expect(openLedger(path, undefined, 'not the passphrase')).rejects.toThrow(
      `The passphrase does not open the ledger at ${path}`,
    )
    await expect(openLedger(path)).rejects.toThrow(
      `The ledger at ${path} is encrypted: give its passphrase in METERBOOK_LEDGER_KEY`,
    )
    // The plain driver cannot read it either: nothing about the file is in clear.
    expect(() => new Database(path).prepare('SELECT count(*) FROM customer').get()).toThrow(
      'file is not a database',
    )
    expect(digestOf(path)).toBe(before)

    await expect(openLedger(plain, undefined, KEY)).rejects.toThrow(
      `The ledger at ${plain} is not encrypted, but a passphrase was given`,
    )
  })

  it('changes its passphrase and decrypts back, each change audited with who and when', async () => {
    const path = await ledgerWithCustomer('rekey')
    changeEncryption(path, { action: 'encrypt', key: KEY }, audit)
    const next = 'a different passphrase'
    changeEncryption(path, { action: 'rekey', key: KEY, newKey: next }, audit)
    await expect(openLedger(path, undefined, KEY)).rejects.toThrow('does not open')
    changeEncryption(path, { action: 'decrypt', key: next }, audit)
    expect(isEncryptedFile(path)).toBe(false)

    const db = new Database(path)
    expect(db.prepare('SELECT name FROM customer').pluck().all()).toEqual([
      'Zebulon Quartz Holdings',
    ])
    expect(
      db
        .prepare(
          "SELECT action, operator, at, after_json FROM audit_entry WHERE action LIKE 'ledger:%' ORDER BY id",
        )
        .all(),
    ).toEqual(
      ['encrypt', 'rekey', 'decrypt'].map((action) => ({
        action: `ledger:${action}`,
        operator: 'ana',
        at: '2026-12-07T10:00:00.000Z',
        after_json: JSON.stringify({ encrypted: action !== 'decrypt' }),
      })),
    )
    db.close()
  })

  it('is refused while another process has the ledger open, and the file stays as it was', async () => {
    const path = await ledgerWithCustomer('in-use')
    // Another process (the app, a command): locks are per process, so it must be one.
    const other = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)});
         db.prepare('SELECT count(*) FROM customer').get(); console.log('open'); setInterval(() => {}, 1000)`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      await once(other.stdout, 'data')
      const before = digestOf(path)
      expect(() => changeEncryption(path, { action: 'encrypt', key: KEY }, audit)).toThrow(
        `The ledger at ${path} is in use: close the desktop app`,
      )
      expect(isEncryptedFile(path)).toBe(false)
      expect(digestOf(path)).toBe(before)
    } finally {
      other.kill()
    }
  })

  it('refuses a passphrase under 8 characters, and encrypting twice', async () => {
    const path = await ledgerWithCustomer('short')
    expect(() => changeEncryption(path, { action: 'encrypt', key: 'seven77' }, audit)).toThrow(
      'A ledger passphrase has at least 8 characters.',
    )
    expect(isEncryptedFile(path)).toBe(false)
    changeEncryption(path, { action: 'encrypt', key: KEY }, audit)
    expect(() => changeEncryption(path, { action: 'encrypt', key: KEY }, audit)).toThrow(
      'is already encrypted',
    )
  })
})
