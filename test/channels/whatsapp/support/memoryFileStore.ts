// FileStore in memory, for tests.
import type { FileStore, StoredFile } from "../../../../src/notify/fileStore.ts";

export class MemoryFileStore implements FileStore {
  readonly files = new Map<string, StoredFile>();
  private counter = 0;

  async save(file: StoredFile): Promise<string> {
    const ref = `file:${++this.counter}`;
    this.files.set(ref, { ...file, bytes: Buffer.from(file.bytes) });
    return ref;
  }

  async load(ref: string): Promise<StoredFile> {
    const file = this.files.get(ref);
    if (!file) throw new Error(`no file ${ref} in the store`);
    return file;
  }
}
