import { expect, test, type Page } from '@playwright/test';
import { end, openFlow, putFlow, screenshot, start, uniqueName } from './editor-helpers.js';

/** Accepts the selected completion; CodeMirror ignores Enter for 75 ms after the list (re)opens, so a fast robot waits that out. */
async function acceptCompletion(page: Page): Promise<void> {
  await page.waitForTimeout(120);
  await page.keyboard.press('Enter');
}

test.use({ viewport: { width: 1440, height: 900 } });

test('Ctrl+Space completes variables in scope with their types, then the fields of an object type; syntax errors show inline', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Expr');
  await putFlow(
    request,
    name,
    [
      start(),
      { id: 'creds', kind: 'aws.GetStaticCredentials', position: { x: 200, y: 0 }, config: { accessKeyId: 'AWS.AccessKeyId', secretAccessKey: 'AWS.SecretAccessKey', outputVariable: 'Credentials' } },
      { id: 'count', kind: 'core.CreateVariable', position: { x: 400, y: 0 }, config: { variableName: 'Count', type: 'Integer', value: '1' } },
      { id: 'log', kind: 'core.LogMessage', position: { x: 600, y: 0 }, config: { level: 'info', message: 'x' } },
      { id: 'var', kind: 'core.CreateVariable', position: { x: 800, y: 0 }, config: { variableName: 'Key', type: 'String', value: '' } },
      end(1000, 0),
    ],
    [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'creds' },
      { id: 'e2', source: 'creds', sourcePort: 'out', target: 'count' },
      { id: 'e3', source: 'count', sourcePort: 'out', target: 'log' },
      { id: 'e4', source: 'log', sourcePort: 'out', target: 'var' },
      { id: 'e5', source: 'var', sourcePort: 'out', target: 'end' },
    ],
  );
  await openFlow(page, name);
  await page.locator('.react-flow__node[data-id="var"]').click();

  // The CodeMirror editor is loaded on demand; its content is labelled like the field.
  const editor = page.getByRole('textbox', { name: 'Initial value' });
  await expect(editor).toHaveAttribute('contenteditable', 'true');
  await editor.click();
  await page.keyboard.type('$Cr');
  await page.keyboard.press('Control+Space');
  const list = page.locator('.cm-tooltip-autocomplete');
  await expect(list).toBeVisible();
  await expect(list.getByRole('option', { name: /\$Credentials/ })).toContainText('Credentials');
  await acceptCompletion(page);
  await page.keyboard.type('.');
  await expect(list.getByRole('option')).toHaveText([/accessKeyId\s*String/, /secretAccessKey\s*String/, /sessionToken\s*String/, /expiration\s*DateTime/]);
  await screenshot(page, 'editor-expression-completion');
  await acceptCompletion(page);
  await expect(editor).toHaveText('$Credentials.accessKeyId');

  // Every variable in scope is offered, with its type; a variable declared after this node is not.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('$');
  await page.keyboard.press('Control+Space');
  await expect(list.getByRole('option', { name: /\$Count/ })).toContainText('Integer');
  await expect(list.getByRole('option', { name: /\$Key\b/ })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // A syntax error is marked in the text and the change reaches the document (and its problems).
  await page.keyboard.press('Control+a');
  await page.keyboard.type('$Count + * 2');
  await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
  await expect(page.locator('[data-field="value"] .field-problem')).toContainText('invalid expression');
  await screenshot(page, 'editor-expression-error');

  // Out of the editor, Ctrl+Z undoes the whole edit of the field (one step) and Ctrl+Shift+Z brings it back.
  await page.getByRole('heading', { name: /Create Variable/ }).click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor).toHaveText('JSONata expression'); // the empty editor's placeholder
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(editor).toHaveText('$Count + * 2');
});
