/** Message templates: literal text with `{{ expression }}` placeholders. */

export type TemplatePart = { text: string } | { expression: string; offset: number };

/** Splits a template into literal text and expression parts; `offset` is the expression's index in the template. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf('{{', i);
    if (open < 0) {
      parts.push({ text: template.slice(i) });
      break;
    }
    const close = template.indexOf('}}', open + 2);
    if (close < 0) {
      parts.push({ text: template.slice(i) });
      break;
    }
    if (open > i) parts.push({ text: template.slice(i, open) });
    parts.push({ expression: template.slice(open + 2, close).trim(), offset: open + 2 });
    i = close + 2;
  }
  return parts;
}
