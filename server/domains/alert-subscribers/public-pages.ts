import type { FastifyReply } from 'fastify'

/**
 * The small pages a resident opens from a message (unsubscribe, e-mail confirmation): plain HTML
 * that reads well on a phone and works without JavaScript.
 */
export function sendPage(
  reply: FastifyReply,
  status: number,
  page: {
    title: string
    paragraphs: string[]
    form?: { action: string; token: string; button: string }
  },
): FastifyReply {
  const form = page.form
    ? `<form method="post" action="${escapeHtml(page.form.action)}">
<input type="hidden" name="token" value="${escapeHtml(page.form.token)}">
<button type="submit">${escapeHtml(page.form.button)}</button>
</form>`
    : ''
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)}: Worcester emergency alerts</title>
<style>
body { font: 1.125rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #f4f4f2; margin: 0; }
main { max-width: 36rem; margin: 2rem auto; background: #fff; padding: 1.5rem 2rem; border-top: 6px solid #1a4480; }
h1 { font-size: 1.6rem; margin-top: 0; }
button { font: inherit; font-weight: 600; color: #fff; background: #b50909; border: 0; border-radius: 4px; padding: 0.6rem 1.2rem; cursor: pointer; }
button:focus { outline: 3px solid #ffbe2e; outline-offset: 2px; }
.note { color: #454545; font-size: 1rem; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(page.title)}</h1>
${page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${form}
<p class="note">In an emergency, call 911.</p>
</main>
</body>
</html>
`
  return (
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      // The token is in the address: it must not leak to another site.
      .header('referrer-policy', 'no-referrer')
      .header(
        'content-security-policy',
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      )
      .send(html)
  )
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Tokens are 32 random bytes in base64url; anything else is a broken link. */
export function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{20,200}$/.test(token)
}
