import type { EditorState, Extension } from '@codemirror/state';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';

export interface ImageLintConfig {
  /** The post's image problems for the current text, as diagnostics. */
  diagnose: (state: EditorState) => Diagnostic[];
}

/** Marks images that lack their credit, their alt text or their file, as warnings in the text and the gutter. */
export function imageLint(config: ImageLintConfig): Extension {
  return [linter((view) => config.diagnose(view.state), { delay: 500 }), lintGutter()];
}
