import fs from 'node:fs/promises'

export interface Reject {
  /** `line 12` (CSV file line) or `features[11]` (GeoJSON feature index, from 0). */
  at: string
  field: string
  reason: string
}

/** The rejects as CSV (at, field, reason), one line per problem, so a row may appear twice. */
export async function writeRejectsFile(file: string, rejects: Reject[]): Promise<void> {
  const lines = [
    'at,field,reason',
    ...rejects.map((r) => [r.at, r.field, r.reason].map(csvField).join(',')),
  ]
  await fs.writeFile(file, `${lines.join('\n')}\n`, 'utf8')
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}
