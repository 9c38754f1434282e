import { Compartment, EditorSelection, EditorState, type Extension } from '@codemirror/state';
import { EditorView, type ViewUpdate } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { foldFrontMatter } from '../editor/front-matter-fold';
import { kladdeEditorSetup } from '../editor/setup';
import { useI18n } from '../i18n/i18n';

export interface EditorPaneProps {
  viewRef: React.RefObject<EditorView | null>;
  /** The text to show; taken over whenever `loadSeq` changes. */
  loadedText: string;
  loadSeq: number;
  onUpdate: (update: ViewUpdate) => void;
  onTopLineChange: (line: number) => void;
  extra?: Extension[];
  /** Extensions that follow settings and the post's language; swapped in place without losing the text. */
  configured: Extension;
  /** Whether a newly loaded post shows its YAML folded (the fields panel edits it). */
  foldFrontMatter: boolean;
}

/** The CodeMirror editor. React never re-renders its content: the view owns the text. */
export function EditorPane(props: EditorPaneProps) {
  const { t } = useI18n();
  const host = useRef<HTMLDivElement>(null);
  const onUpdate = useRef(props.onUpdate);
  onUpdate.current = props.onUpdate;
  const onTopLine = useRef(props.onTopLineChange);
  onTopLine.current = props.onTopLineChange;
  const { viewRef } = props;
  const compartment = useRef(new Compartment());
  const configured = useRef(props.configured);
  configured.current = props.configured;
  const foldOnLoad = useRef(props.foldFrontMatter);
  foldOnLoad.current = props.foldFrontMatter;

  const extensions = (): Extension => [
    kladdeEditorSetup({ placeholderText: t('empty.body'), ariaLabel: t('editor.label'), extra: props.extra ?? [] }),
    EditorView.updateListener.of((u) => onUpdate.current(u)),
    compartment.current.of(configured.current),
  ];

  useEffect(() => {
    if (!host.current) return;
    const view = new EditorView({ parent: host.current, state: EditorState.create({ doc: props.loadedText, extensions: extensions() }) });
    viewRef.current = view;
    const onScroll = () => {
      const block = view.lineBlockAtHeight(view.scrollDOM.scrollTop + 4);
      onTopLine.current(view.state.doc.lineAt(block.from).number - 1);
    };
    view.scrollDOM.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      view.scrollDOM.removeEventListener('scroll', onScroll);
      view.destroy();
      viewRef.current = null;
    };
    // The view is created once; later texts arrive through loadSeq.
  }, []);

  useEffect(() => {
    const view = viewRef.current;
    if (!view) return;
    const previous = view.state.selection.main.head;
    view.setState(EditorState.create({ doc: props.loadedText, extensions: extensions() }));
    const head = Math.min(previous, view.state.doc.length);
    view.dispatch({ selection: EditorSelection.cursor(head) });
    if (foldOnLoad.current) foldFrontMatter(view);
    // Listeners see a full replacement as one update, so the preview and counts follow.
    onUpdate.current({ docChanged: true, state: view.state, view } as unknown as ViewUpdate);
  }, [props.loadSeq]);

  useEffect(() => {
    viewRef.current?.dispatch({ effects: compartment.current.reconfigure(props.configured) });
  }, [props.configured, viewRef]);

  return <div className="editor-pane" ref={host} />;
}

/** Scrolls the editor so that a 0-based source line is at the top. */
export function scrollEditorToLine(view: EditorView, line: number): void {
  const lineNo = Math.min(Math.max(1, line + 1), view.state.doc.lines);
  const pos = view.state.doc.line(lineNo).from;
  view.dispatch({ effects: EditorView.scrollIntoView(pos, { y: 'start' }) });
}
