import { useTranslation } from "react-i18next";
import { Field } from "../../components/ui.tsx";
import { textOf } from "../../lib/format.ts";
import type { IssuerClass } from "../../lib/registryQueries.ts";

/** The badge class a badge (or a CSV batch) is awarded under. */
export function ClassSelect({ classes, value, onChange }: { classes: IssuerClass[]; value: number; onChange: (classId: number) => void }) {
  const { t } = useTranslation();
  return (
    <Field label={t("award.class")}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(Number(e.target.value))}>
          {classes.map((c) => (
            <option key={c.classId} value={c.classId}>
              {textOf(c.content, "name") ?? `#${c.classId}`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
