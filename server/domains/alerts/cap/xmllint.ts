/**
 * Test support: CAP documents checked by a real validator, Debian's `xmllint` (libxml2-utils),
 * against the OASIS CAP 1.2 schema re-typed in `fixtures/cap-v1.2.xsd`.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const CAP_SCHEMA_PATH = fileURLToPath(new URL('./fixtures/cap-v1.2.xsd', import.meta.url))

export interface XmllintResult {
  /** xmllint's exit code: 0 valid, 3 invalid against the schema, 1 not well-formed. */
  code: number
  stdout: string
  stderr: string
}

/** Runs xmllint with `args`, the document fed on stdin (`-`). */
export function xmllint(args: string[], document: string): Promise<XmllintResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', [...args, '-'], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new Error(
              'xmllint is not installed: install libxml2-utils (apt-get install libxml2-utils)',
            )
          : error,
      )
    })
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    // A child that exits before reading all of stdin must not crash the test with EPIPE.
    child.stdin.on('error', () => undefined)
    child.stdin.end(document, 'utf8')
  })
}

/** The document checked against the CAP 1.2 schema. */
export function validateCap(document: string): Promise<XmllintResult> {
  return xmllint(['--noout', '--schema', CAP_SCHEMA_PATH], document)
}

/** The string value of an XPath expression over the document (namespaces ignored by local-name). */
export async function xpathString(document: string, expression: string): Promise<string> {
  const result = await xmllint(['--xpath', `string(${expression})`], document)
  if (result.code !== 0) throw new Error(`xmllint --xpath failed: ${result.stderr}`)
  // xmllint ends what it prints with a line feed of its own.
  return result.stdout.replace(/\n$/, '')
}
