/** Placeholder until the scene is built. */
export function DispatchScene() {
  return (
    <section className="scene" aria-label="dispatch">
      <p className="muted">Coming soon.</p>
    </section>
  )
}
