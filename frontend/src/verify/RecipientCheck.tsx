// The employer's question on /verify: the field for an e-mail or wallet, and the answer at the top of the result.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ExpectedRecipient, parseExpectedRecipient, type RecipientAnswer, type RecipientInputError } from "./recipient.ts";

/**
 * The "Check the recipient" field. `onApply` receives the parsed value when it is submitted (Enter, the
 * button, leaving the field) or cleared; a value that is neither an e-mail nor a wallet is refused with why.
 */
export function RecipientField({
  applied,
  onApply,
}: {
  applied?: ExpectedRecipient;
  onApply: (expected: ExpectedRecipient | undefined) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(applied?.email ?? applied?.wallet ?? "");
  const [error, setError] = useState<RecipientInputError>();

  const apply = () => {
    const parsed = parseExpectedRecipient(text);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(undefined);
    const current = applied?.email ?? applied?.wallet;
    const next = parsed.expected?.email ?? parsed.expected?.wallet;
    if (current !== next) onApply(parsed.expected);
  };

  return (
    <form
      className={`recipient-check${error ? " field-invalid" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      data-recipient-form
    >
      <div className="field">
        <label htmlFor={id}>
          {t("verify.recipient.label")} <span className="optional">{t("verify.recipient.optional")}</span>
        </label>
        <p className="hint" id={`${id}-hint`}>
          {t("verify.recipient.hint")}
        </p>
        <div className="recipient-check-row">
          <input
            id={id}
            type="text"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            value={text}
            placeholder={t("verify.recipient.placeholder")}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : `${id}-hint`}
            onChange={(e) => {
              setText(e.target.value);
              if (error) setError(undefined);
            }}
            onBlur={apply}
          />
          <button type="submit" className="button button-secondary">
            {t("verify.recipient.apply")}
          </button>
          {applied && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setText("");
                setError(undefined);
                onApply(undefined);
              }}
            >
              {t("verify.recipient.clear")}
            </button>
          )}
        </div>
        {error && (
          <p className="field-error" id={`${id}-error`} role="alert">
            {t(`verify.recipient.error.${error}`, { value: text.trim(), length: Math.max(0, text.trim().length - 2) })}
          </p>
        )}
      </div>
    </form>
  );
}

/** The recipient answer in words, at the top of the result: a match, a mismatch (red), or "cannot be checked" (neutral). */
export function RecipientAnswerNote({ answer }: { answer: RecipientAnswer }) {
  const { t } = useTranslation();
  const tone = answer.kind === "matched" ? "good" : answer.kind === "not-matched" ? "bad" : "neutral";
  return (
    <div
      className={`recipient-answer recipient-answer-${tone}`}
      role={answer.kind === "not-matched" ? "alert" : "status"}
      data-recipient={`${answer.identity}-${answer.kind}`}
    >
      <p className="recipient-answer-title">{t(`verify.recipient.answer.${answer.identity}.${answer.kind}`)}</p>
      <p className="recipient-answer-value">
        <code>{answer.value}</code>
      </p>
      <p className="small">
        {t(
          `verify.recipient.answer.${answer.identity}.${"documentOnly" in answer && answer.documentOnly ? "matchedDocumentOnlyBody" : `${answer.kind}Body`}`,
        )}
      </p>
    </div>
  );
}
