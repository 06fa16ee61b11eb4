/**
 * Just enough Markdown for the user guide served at /guide/: headings, paragraphs, lists, tables, fenced
 * code, emphasis, inline code, links and images. Everything is HTML-escaped first, so a guide page can
 * never inject markup; links keep only relative or http(s) targets.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A link target kept as it is when relative or http(s); anything else (javascript:, data:) becomes '#'. */
function safeHref(href: string): string {
  return /^(https?:\/\/|[\w./#-])/.test(href) && !/^[a-z]+:/i.test(href.replace(/^https?:/, '')) ? href.replace(/\.md(#|$)/, '.md$1') : '#';
}

/** Inline Markdown of one (already escaped) line: code, images, links, bold, italics. */
function inline(escaped: string): string {
  const codes: string[] = [];
  let text = escaped.replace(/`([^`]+)`/g, (_m, code: string) => `\u0000${codes.push(`<code>${code}</code>`) - 1}\u0000`);
  text = text.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, alt: string, src: string) => `<img alt="${alt}" src="${safeHref(src)}">`);
  text = text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) => `<a href="${safeHref(href)}">${label}</a>`);
  text = text.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  return text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)]!);
}

function cells(row: string): string[] {
  return row.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** Renders a Markdown document to an HTML fragment. */
export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.startsWith('```'); i++) code.push(lines[i]!);
      i++;
      out.push(`<pre><code>${escapeHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = heading[1]!.length;
      const id = heading[2]!.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      out.push(`<h${level} id="${id}">${inline(escapeHtml(heading[2]!))}</h${level}>`);
      i++;
      continue;
    }
    if (line.startsWith('|') && lines[i + 1]?.match(/^\|?\s*:?-{3,}/)) {
      const head = cells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) rows.push(cells(lines[i]!));
      out.push(
        `<table><thead><tr>${head.map((c) => `<th>${inline(escapeHtml(c))}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${inline(escapeHtml(c))}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
      continue;
    }
    if (/^\s*([-*]|\d+\.)\s+/.test(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      for (; i < lines.length && /^\s*([-*]|\d+\.)\s+/.test(lines[i]!); i++) {
        let item = lines[i]!.replace(/^\s*([-*]|\d+\.)\s+/, '');
        // Continuation lines of the same item are indented.
        while (i + 1 < lines.length && /^\s{2,}\S/.test(lines[i + 1]!) && !/^\s*([-*]|\d+\.)\s+/.test(lines[i + 1]!)) item += ` ${lines[++i]!.trim()}`;
        items.push(`<li>${inline(escapeHtml(item))}</li>`);
      }
      out.push(ordered ? `<ol>${items.join('')}</ol>` : `<ul>${items.join('')}</ul>`);
      continue;
    }
    if (line.trim() === '') {
      i++;
      continue;
    }
    const paragraph: string[] = [];
    for (; i < lines.length && lines[i]!.trim() !== '' && !/^(#{1,6}\s|```|\||\s*([-*]|\d+\.)\s)/.test(lines[i]!); i++) paragraph.push(lines[i]!);
    out.push(`<p>${inline(escapeHtml(paragraph.join(' ')))}</p>`);
  }
  return out.join('\n');
}
