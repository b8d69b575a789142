/** What the spec says about one parameter, as far as validating a request needs. */
export interface ParameterSpec {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: {
    type?: "string" | "number" | "boolean";
    enum?: readonly string[];
    format?: "uuid" | "date-time";
    minimum?: number;
    maxLength?: number;
    pattern?: string;
  };
}

export interface OperationSpec {
  method: "GET" | "POST";
  path: string;
  parameters: readonly ParameterSpec[];
}
