/** A target's `model`: a string replaces any requested model; a map translates the ones it names. */
export type ModelRewrite = string | Readonly<Record<string, string>>;

/** A request body read once: its JSON object when it is one, for the model rewrite. */
export interface BodyView {
  readonly text: string | undefined;
  readonly json: Record<string, unknown> | undefined;
  readonly model: string | undefined;
}

export function viewBody(text: string | undefined): BodyView {
  if (text === undefined || !text.trimStart().startsWith('{')) return { text, json: undefined, model: undefined };
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      return { text, json: undefined, model: undefined };
    const record = json as Record<string, unknown>;
    return { text, json: record, model: typeof record.model === 'string' ? record.model : undefined };
  } catch {
    return { text, json: undefined, model: undefined };
  }
}

/** The model this target receives, and the body text to send (the original when nothing changes). */
export function rewriteModel(
  body: BodyView,
  rewrite: ModelRewrite | undefined,
): { model: string | undefined; text: string | undefined } {
  if (rewrite === undefined || body.json === undefined) return { model: body.model, text: body.text };
  const next =
    typeof rewrite === 'string'
      ? rewrite
      : body.model !== undefined && Object.hasOwn(rewrite, body.model)
        ? rewrite[body.model]
        : undefined;
  if (next === undefined || next === body.model) return { model: body.model, text: body.text };
  return { model: next, text: JSON.stringify({ ...body.json, model: next }) };
}
