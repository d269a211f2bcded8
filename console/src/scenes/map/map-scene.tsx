/** Placeholder until the scene is built. */
export function MapScene() {
  return (
    <section className="scene" aria-label="map">
      <p className="muted">Coming soon.</p>
    </section>
  )
}
