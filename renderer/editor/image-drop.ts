import { Facet, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

export interface ImageDropConfig {
  /** Receives image files dropped or pasted into the editor and the document position they belong at. */
  onImages: (files: File[], pos: number) => void;
}

const dropConfig = Facet.define<ImageDropConfig, ImageDropConfig | null>({ combine: (v) => v[0] ?? null });

function imageFiles(list: FileList | null | undefined): File[] {
  return [...(list ?? [])].filter((f) => f.type.startsWith('image/') || /\.(jpe?g|png|gif|webp|avif|svg|heic)$/i.test(f.name));
}

const handlers = EditorView.domEventHandlers({
  dragover(event) {
    if ([...(event.dataTransfer?.types ?? [])].includes('Files')) {
      event.preventDefault();
      return true;
    }
    return false;
  },
  drop(event, view) {
    const files = imageFiles(event.dataTransfer?.files);
    const config = view.state.facet(dropConfig);
    if (files.length === 0 || !config) return false;
    event.preventDefault();
    const pos = view.posAtCoords({ x: event.clientX, y: event.clientY }) ?? view.state.selection.main.head;
    config.onImages(files, pos);
    return true;
  },
  paste(event, view) {
    const files = imageFiles(event.clipboardData?.files);
    const config = view.state.facet(dropConfig);
    if (files.length === 0 || !config) return false;
    event.preventDefault();
    config.onImages(files, view.state.selection.main.head);
    return true;
  },
});

/**
 * Images dropped from the file manager or pasted from the clipboard go to the host, which copies them into the
 * post's folder and inserts the Markdown; any other drop or paste stays CodeMirror's.
 */
export function imageDrop(config: ImageDropConfig): Extension {
  return [dropConfig.of(config), handlers];
}
