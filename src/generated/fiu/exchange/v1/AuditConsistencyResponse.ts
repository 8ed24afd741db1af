// Original file: proto/fiu/exchange/v1/audit.proto


export interface AuditConsistencyResponse {
  'proof'?: (string)[];
  'root1'?: (string);
  'root2'?: (string);
}

export interface AuditConsistencyResponse__Output {
  'proof': (string)[];
  'root1': (string);
  'root2': (string);
}
