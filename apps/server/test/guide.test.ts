import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/guide/markdown.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the user guide at /guide/', () => {
  it('serves the guide index and its pages as HTML, and their images', async () => {
    const index = await server.api('/guide/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    const html = await index.text();
    expect(html).toContain('<h1 id="flowbridge-user-guide">Flowbridge user guide</h1>');
    expect(html).toContain('<img alt=');
    const page = await server.api('/guide/editor.md');
    expect(page.status).toBe(200);
    const image = await server.api('/guide/images/canvas-act-putevents.png');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('serves nothing outside the docs folder', async () => {
    for (const path of ['/guide/..%2Fpackage.json', '/guide/../package.json', '/guide/images/..%2F..%2Fpackage.json', '/guide/secrets.json']) {
      const res = await server.api(path);
      expect(res.status, path).not.toBe(200);
    }
    expect((await server.api('/guide/nope.md')).status).toBe(404);
  });
});

describe('guide Markdown', () => {
  it('escapes HTML and drops script links', () => {
    const html = renderMarkdown('# Hi <script>x</script>\n\nA [bad](javascript:alert(1)) and [good](editor.md) `<b>`');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="#">bad</a>');
    expect(html).toContain('<a href="editor.md">good</a>');
    expect(html).toContain('<code>&lt;b&gt;</code>');
  });

  it('renders lists, tables and code', () => {
    const html = renderMarkdown('- one\n- two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n```\nx < y\n```');
    expect(html).toContain('<ul><li>one</li><li>two</li></ul>');
    expect(html).toContain('<th>a</th>');
    expect(html).toContain('<td>2</td>');
    expect(html).toContain('<pre><code>x &lt; y</code></pre>');
  });
});
