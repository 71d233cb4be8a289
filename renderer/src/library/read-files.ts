import type { MethodInput } from '../../../shared/contract.ts';
import { importLimitFor } from '../../../shared/import.ts';

type ImportFile = MethodInput<'importFiles'>['files'][number];

/** A file's bytes as base64, read natively (a data: URL) rather than byte by byte in script. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}.`));
    reader.readAsDataURL(file);
  });
}

/**
 * Files from a drop or a file input, ready to send to the core. A file over the limit is sent
 * without its content: the core still reports it by name, and nothing large is read for nothing.
 */
export async function readFilesForImport(files: readonly File[]): Promise<ImportFile[]> {
  return Promise.all(
    files.map(async (file) =>
      file.size > importLimitFor(file.name)
        ? { name: file.name, size: file.size }
        : { name: file.name, size: file.size, data: await base64Of(file) },
    ),
  );
}
