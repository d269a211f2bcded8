/** Placeholder until the scene is built. */
export function SupervisorScene() {
  return (
    <section className="scene" aria-label="supervisor">
      <p className="muted">Coming soon.</p>
    </section>
  )
}
