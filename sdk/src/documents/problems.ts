/** One thing wrong with a document, in plain language. `path` locates it ("" = the document). */
export interface Problem {
  path: string;
  message: string;
}

/** "credentialSubject.achievement" style path from a JSON pointer ("/credentialSubject/achievement"). */
export function pathFromPointer(pointer: string): string {
  if (!pointer) return "";
  return pointer
    .split("/")
    .slice(1)
    .map((seg) => seg.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), "");
}

export function where(path: string, root: string): string {
  return path ? path : root;
}
