// The general sdk error lives in ../errors.ts (the base of every sdk error); re-exported here for
// the modules that have always imported it from documents/.
export { ChanceryError, check, type GeneralErrorCode as ChanceryErrorCode } from "../errors.ts";
