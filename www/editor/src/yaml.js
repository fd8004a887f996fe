// The page editor's YAML language, split from the editor bundle (build.mjs makes it
// dist/editor-yaml.js): colours need it, showing the editor with findings does not, so
// codemirror.js loads it once it has drawn findings (issue 23: 14.5 KB gzip that stays out
// of the first load).
import { Language, ParseContext } from "@codemirror/language";
import { Parser, Tree } from "@lezer/common";
import { yamlLanguage } from "@codemirror/lang-yaml";

/** Documents longer than this (UTF-16 units) are parsed for colours only up to a little past
 * what is on screen, as CodeMirror's own stream parsers do: lezer's YAML parser cannot reuse
 * its tree after a change near the top, and reparsing 2 MB took CodeMirror's whole 20 ms
 * budget on every keystroke (issue 23). The rest is parsed when it scrolls into view. */
const VIEW_ONLY_OVER = 100_000;
/** How far past the viewport such a document is parsed (a few screens). */
const PARSE_AHEAD = 5_000;

/** The YAML parser, except that a text it cannot build a tree for gets no colours rather
 * than an exception inside the transaction, which would drop the edit: lezer builds its
 * trees recursively, and a paste of a 100,000-deep `[[[...` overflowed the stack about one
 * time in ten (the e2e hostile inputs; codemirror/dev#630). The flat tree keeps YAML's top
 * node, so the language's data (comment tokens for Ctrl-/) still applies. A long document
 * is parsed up to its viewport (VIEW_ONLY_OVER). */
let warned = false;
class GuardedParser extends Parser {
  createParse(input, fragments, ranges) {
    const inner = yamlLanguage.parser.createParse(input, fragments, ranges);
    // Where CodeMirror asked the parse to stop: what it is told, whatever this one does.
    let asked = null;
    const cx = input.length > VIEW_ONLY_OVER ? ParseContext.get() : null;
    const end = cx && cx.viewport.to + PARSE_AHEAD;
    if (end != null && end < input.length) {
      inner.stopAt(end);
      // Once per skipped stretch: CodeMirror carries the list from state to state, and a
      // parse per keystroke would grow it.
      const skipped = Array.isArray(cx.skipped) ? cx.skipped : [];
      if (!skipped.some((r) => r.from <= end && r.to >= input.length)) cx.skipUntilInView(end, input.length);
    }
    return {
      get parsedPos() { return inner.parsedPos; },
      get stoppedAt() { return asked; },
      stopAt(pos) {
        asked = pos;
        if (pos < (inner.stoppedAt ?? Infinity)) inner.stopAt(pos);
      },
      advance() {
        try {
          return inner.advance();
        } catch (error) {
          if (!warned) console.warn("No syntax colours for this text:", error);
          warned = true;
          return new Tree(yamlLanguage.parser.topNode, [], [], input.length);
        }
      },
    };
  }
}
/** The language every editor view gets once this is loaded. */
export const yaml = new Language(yamlLanguage.data, new GuardedParser(), [], "yaml");

