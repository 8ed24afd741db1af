// Original file: proto/fiu/exchange/v1/audit.proto


export interface ExportLine {
  'line'?: (string);
}

export interface ExportLine__Output {
  'line': (string);
}
