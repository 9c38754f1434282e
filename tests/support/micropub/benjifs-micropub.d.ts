/** The parts of @benjifs/micropub 2.0.1 (plain JavaScript, no types of its own) that the test server uses. */
declare module '@benjifs/micropub' {
  export interface MicropubFile {
    filename: string;
    mimeType: string;
    content: Buffer;
  }
  export interface MicropubStoreLike {
    createFile(filename: string, content: string): Promise<string | undefined>;
    updateFile(filename: string, content: string, previous: unknown): Promise<string | undefined>;
    uploadImage(filename: string, file: MicropubFile): Promise<string | undefined>;
    getFile(filename: string): Promise<{ filename: string; content: string } | undefined>;
    getDirectory(dir: string): Promise<{ files: { path: string }[] } | undefined>;
    deleteFile(filename: string): Promise<string | undefined>;
  }
  export interface MicropubOptions {
    store: MicropubStoreLike;
    me: string;
    tokenEndpoint: string;
    contentDir?: string;
    mediaDir?: string;
    config?: Record<string, unknown>;
  }
  export default class MicropubEndpoint {
    constructor(options: MicropubOptions);
    micropubHandler(request: Request): Promise<Response>;
    mediaHandler(request: Request): Promise<Response>;
  }
}
