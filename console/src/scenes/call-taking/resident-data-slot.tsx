/**
 * Where the caller's safety profile and the address's disability indicator will show. Both are
 * confidential reads through their own gate; the resident-data work fills this region.
 */
export function ResidentDataSlot() {
  return (
    <section
      className="panel resident-data"
      aria-labelledby="resident-data-heading"
      data-slot="resident-data"
    >
      <h2 id="resident-data-heading">Safety profile / disability indicator</h2>
      <p className="muted">Nothing available yet.</p>
    </section>
  )
}
