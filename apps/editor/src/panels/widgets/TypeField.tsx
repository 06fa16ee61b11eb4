/** A type name (String, List<Integer>, Credentials...) with the known types offered and checked inline. */
import { checkTypeName, PRIMITIVE_TYPES, type Catalogue } from '@flowbridge/flow-model';
import { asText, type WidgetProps } from '../widget-props';

/** Every type name worth offering: primitives, object types, enumerations, and lists of those. */
export function knownTypes(catalogue: Catalogue): string[] {
  const base = [...PRIMITIVE_TYPES, ...catalogue.objectTypes.keys(), ...[...catalogue.enumerations.keys()].map((e) => `Enum<${e}>`)];
  return [...base, ...base.map((t) => `List<${t}>`)];
}

export function TypeInput({ id, label, value, catalogue, onChange, onCommit }: { id: string; label: string; value: string; catalogue: Catalogue; onChange(v: string): void; onCommit(): void }) {
  const problem = value === '' ? null : checkTypeName(value, catalogue);
  return (
    <>
      <input id={id} aria-label={label} list={`${id}-types`} value={value} placeholder="String" onChange={(e) => onChange(e.target.value)} onBlur={onCommit} />
      <datalist id={`${id}-types`}>
        {knownTypes(catalogue).map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      {problem && <div className="field-problem">{problem}</div>}
    </>
  );
}

export function TypeField({ id, field, value, context, onChange, onCommit }: WidgetProps) {
  return <TypeInput id={id} label={field.label} value={asText(value)} catalogue={context.catalogue} onChange={onChange} onCommit={onCommit} />;
}
