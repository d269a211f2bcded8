/** Words that only say "this is a unit": "Apt 3", "#3", "Unit 3" and "No. 3" all mean unit 3. */
const UNIT_MARKERS =
  /^(?:#|APT|APARTMENT|UNIT|NO|NUMBER|STE|SUITE|RM|ROOM|FL|FLR|FLOOR|BLDG|LOT|SPC|SPACE)\b\.?\s*/

/**
 * One form of an apartment or unit, for matching a call to an indicator: upper case, the marker
 * word and punctuation dropped, leading zeros of a number dropped ("Apt 03" is "3"). '' is no unit.
 */
export function unitKey(unit: string | null | undefined): string {
  let text = (unit ?? '').toUpperCase().trim().replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim()
  text = text.replace(/^#\s*/, '')
  for (let previous = ''; previous !== text;) {
    previous = text
    text = text.replace(UNIT_MARKERS, '').replace(/^#\s*/, '').trim()
  }
  text = text.replace(/[\s-]+/g, '')
  return /^\d+$/.test(text) ? String(Number(text)) : text.replace(/^0+(?=\d)/, '')
}
