/** A small JSONata tokenizer for CodeMirror's stream parser: enough for highlighting, not a full grammar. */
import { StreamLanguage, type StreamParser, type StringStream } from '@codemirror/language';

interface State {
  inComment: boolean;
  /** Template mode: inside a `{{ }}` placeholder (outside is literal text). */
  inPlaceholder: boolean;
}

const KEYWORDS = new Set(['and', 'or', 'in', 'function', 'true', 'false', 'null']);

/** One JSONata token (the part shared by expressions and template placeholders). */
function expressionToken(stream: StringStream, state: State): string | null {
  {
    if (state.inComment) {
      if (stream.skipTo('*/')) {
        stream.match('*/');
        state.inComment = false;
      } else stream.skipToEnd();
      return 'comment';
    }
    if (stream.eatSpace()) return null;
    if (stream.match('/*')) {
      state.inComment = true;
      return 'comment';
    }
    const ch = stream.peek();
    if (ch === '"' || ch === "'") {
      const quote = stream.next();
      let escaped = false;
      let next: string | void;
      while ((next = stream.next()) !== undefined) {
        if (next === quote && !escaped) break;
        escaped = !escaped && next === '\\';
      }
      return 'string';
    }
    if (ch === '`') {
      stream.next();
      stream.skipTo('`');
      stream.next();
      return 'propertyName';
    }
    if (stream.match(/^-?\d+(\.\d+)?([eE][+-]?\d+)?/)) return 'number';
    if (stream.match(/^\$[A-Za-z_]\w*(?=\s*\()/)) return 'function';
    if (stream.match(/^\$\$?[A-Za-z_]?\w*/)) return 'variableName';
    if (stream.match(/^[A-Za-z_]\w*/)) return KEYWORDS.has(stream.current()) ? 'keyword' : 'propertyName';
    if (stream.match(/^(:=|!=|<=|>=|~>|\.\.|\?:|\?\?|[-+*/%&=<>!?:.,;|^#@])/)) return 'operator';
    if (stream.match(/^[()[\]{}]/)) return 'bracket';
    stream.next();
    return null;
  }
}

const expressionParser: StreamParser<State> = {
  name: 'jsonata',
  startState: () => ({ inComment: false, inPlaceholder: false }),
  token: expressionToken,
};

/** Literal text with `{{ expression }}` placeholders: the placeholders are highlighted as JSONata. */
const templateParser: StreamParser<State> = {
  name: 'jsonata-template',
  startState: () => ({ inComment: false, inPlaceholder: false }),
  token(stream, state) {
    if (!state.inPlaceholder) {
      if (stream.match('{{')) {
        state.inPlaceholder = true;
        return 'meta';
      }
      if (!stream.skipTo('{{')) stream.skipToEnd();
      return 'content';
    }
    if (!state.inComment && stream.match('}}')) {
      state.inPlaceholder = false;
      return 'meta';
    }
    return expressionToken(stream, state);
  },
};

/** JSONata highlighting for CodeMirror. */
export const jsonataLanguage = StreamLanguage.define(expressionParser);

/** Highlighting for templates: literal text with JSONata placeholders. */
export const templateLanguage = StreamLanguage.define(templateParser);
