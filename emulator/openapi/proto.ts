// The protobuf messages wx-server-sdk exchanges over `wx.openApi` (cloudbase-protocol.md §6.1).
import protobuf from 'protobufjs'

const SCHEMA = `
syntax = "proto3";
message CommApiData {
  int32 apiType = 1;
  OpenApiData openapiData = 2;
  InnerApiData innerData = 3;
  SvrkitApiData svrkitData = 4;
  TokenApiData tokenData = 5;
  string appid = 6;
}
message OpenApiData { repeated KeyValuePair pairs = 1; }
message InnerApiData { }
message KeyValuePair { string key = 1; bytes value = 2; string contenttype = 3; string filename = 4; }
message SvrkitApiData { string apiName = 1; bytes reqData = 2; }
message TokenApiData { string resourceAppid = 1; string resourceEnv = 2; }
message HttpHeader { string key = 1; string value = 2; }
message CommOpenApiResp {
  bytes respData = 1;
  string contentType = 2;
  int32 errorCode = 3;
  uint32 httpCode = 4;
  repeated HttpHeader headers = 5;
  int32 svrkitErrorCode = 6;
}
message ApiGetOpenDataByCloudIdReq { repeated string cloudidList = 2; string appid = 3; }
message OpDataItem { string cloudId = 1; string json = 2; }
message ApiGetOpenDataByCloudIdResp { repeated OpDataItem dataList = 1; }
`

const root = protobuf.parse(SCHEMA, { keepCase: true }).root

export const CommApiData = root.lookupType('CommApiData')
export const CommOpenApiResp = root.lookupType('CommOpenApiResp')
export const ApiGetOpenDataByCloudIdReq = root.lookupType('ApiGetOpenDataByCloudIdReq')
export const ApiGetOpenDataByCloudIdResp = root.lookupType('ApiGetOpenDataByCloudIdResp')

export const API_TYPE = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const

export interface DecodedApiData {
  apiType: number
  openapiData?: { pairs?: Array<{ key: string; value: Uint8Array; filename?: string }> }
  svrkitData?: { apiName?: string; reqData?: Uint8Array }
  appid?: string
}

export function decodeApiData(bytes: Buffer): DecodedApiData {
  const message = CommApiData.decode(bytes)
  return CommApiData.toObject(message, { defaults: true, arrays: true }) as DecodedApiData
}

export function encodeOpenApiResp(fields: {
  respData?: Uint8Array; contentType?: string; errorCode?: number; httpCode?: number; svrkitErrorCode?: number
}): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.create(fields)).finish())
}
