/** Placeholder until the scene is built. */
export function CallTakingScene() {
  return (
    <section className="scene" aria-label="call-taking">
      <p className="muted">Coming soon.</p>
    </section>
  )
}
