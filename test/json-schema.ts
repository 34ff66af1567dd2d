/** The part of JSON Schema that the node's OpenAPI document and zod's `toJSONSchema` use, as the test tools read it. */
export interface JsonSchema {
  /** An array for a plain nullable scalar: `["string", "null"]`. */
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
}
