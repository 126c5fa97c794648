// A JSON document: an Open Badges 3.0 credential or an Open Badges 2.0 assertion.
import { verifyOb2Hosted } from "../formats/ob2.ts";
import { verifyOb3 } from "../formats/ob3.ts";
import type { Json } from "../json.ts";
import type { Run } from "../run.ts";
import { documentKind } from "../steps/parse.ts";
import { said } from "../steps.ts";
import { sourceText } from "../words.ts";

export async function verifyDocument(run: Run, document: Json, source: string) {
  if (documentKind(document) === "ob3") {
    run.log.passed("parse", said("parse.read-ob3", { source }, `Read an Open Badges 3.0 credential from ${sourceText(source)}.`));
    return verifyOb3(run, document);
  }
  run.log.passed("parse", said("parse.read-ob2", { source }, `Read an Open Badges 2.0 assertion from ${sourceText(source)}.`));
  return verifyOb2Hosted(run, document);
}
