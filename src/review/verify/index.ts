// The verify pass: verifiers that confirm or refute the synthesised findings over the cached code.
export {
  countNote,
  findingsToVerify,
  readVerdict,
  verifyFindings,
  withVerdicts,
  VERIFICATION_ID,
  VERIFIER_MAX_TOKENS,
} from './verifyFindings';
export type { VerifyEvents, VerifyMode, VerifyOutcome, VerifyRequest } from './verifyFindings';
