// Original file: proto/fiu/exchange/v1/audit.proto


export interface ExportRequest {
}

export interface ExportRequest__Output {
}
