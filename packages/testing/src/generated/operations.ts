// Generated from spec/openapi.yaml by scripts/generate-parameters.js: do not edit.
// Change the spec, then run `pnpm generate`; the test run fails while this file is stale.

import type { OperationName } from "@realtimekit-sessions/client/operations";
import type { OperationSpec } from "../operation-table.js";

// How the fake matches a request to an operation (the method as HTTP sends it, the path and its
// parameters), keyed by the client's operation names, whose own OPERATIONS table gives the method in
// lower case: an operation the spec and the client disagree on fails to compile.
export const ROUTES: Record<OperationName, OperationSpec> = {
  "listSessions": {
    "method": "GET",
    "path": "/accounts/{account_id}/realtime/kit/{app_id}/sessions",
    "parameters": [
      {
        "name": "account_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "app_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "page_no",
        "in": "query",
        "required": false,
        "schema": {
          "type": "number",
          "minimum": 0
        }
      },
      {
        "name": "per_page",
        "in": "query",
        "required": false,
        "schema": {
          "type": "number",
          "minimum": 0
        }
      },
      {
        "name": "sort_by",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "minutesConsumed",
            "createdAt"
          ]
        }
      },
      {
        "name": "sort_order",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "ASC",
            "DESC"
          ]
        }
      },
      {
        "name": "start_time",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "format": "date-time"
        }
      },
      {
        "name": "end_time",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "format": "date-time"
        }
      },
      {
        "name": "participants",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "status",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "LIVE",
            "ENDED"
          ]
        }
      },
      {
        "name": "search",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "associated_id",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      }
    ]
  },
  "getPeerReport": {
    "method": "GET",
    "path": "/accounts/{account_id}/realtime/kit/{app_id}/sessions/peer-report/{peer_id}",
    "parameters": [
      {
        "name": "account_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "app_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "peer_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "filters",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "pattern": "^(device_info|ip_information|precall_network_information|events|quality_stats)(,(device_info|ip_information|precall_network_information|events|quality_stats))*$"
        }
      },
      {
        "name": "include_peer_events",
        "in": "query",
        "required": false,
        "schema": {
          "type": "boolean"
        }
      }
    ]
  },
  "getSession": {
    "method": "GET",
    "path": "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}",
    "parameters": [
      {
        "name": "account_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "app_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "session_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "include_breakout_rooms",
        "in": "query",
        "required": false,
        "schema": {
          "type": "boolean"
        }
      }
    ]
  },
  "getChatDownload": {
    "method": "GET",
    "path": "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/chat",
    "parameters": [
      {
        "name": "account_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "app_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "session_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ]
  },
  "listParticipants": {
    "method": "GET",
    "path": "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants",
    "parameters": [
      {
        "name": "account_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "app_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "session_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "search",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string"
        }
      },
      {
        "name": "page_no",
        "in": "query",
        "required": false,
        "schema": {
          "type": "number",
          "minimum": 0
        }
      },
      {
        "name": "per_page",
        "in": "query",
        "required": false,
        "schema": {
          "type": "number",
          "minimum": 0
        }
      },
      {
        "name": "sort_order",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "ASC",
            "DESC"
          ]
        }
      },
      {
        "name": "sort_by",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "joinedAt",
            "duration"
          ]
        }
      },
      {
        "name": "include_peer_events",
        "in": "query",
        "required": false,
        "schema": {
          "type": "boolean"
        }
      },
      {
        "name": "view",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "raw",
            "consolidated"
          ]
        }
      }
    ]
  },
  "getParticipant": {
    "method": "GET",
    "path": "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}",
    "parameters": [
      {
        "name": "account_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "app_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "session_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "participant_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "include_peer_events",
        "in": "query",
        "required": false,
        "schema": {
          "type": "boolean"
        }
      }
    ]
  },
  "generateSummary": {
    "method": "POST",
    "path": "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/summary",
    "parameters": [
      {
        "name": "account_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "app_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "session_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ]
  },
  "getSummaryDownload": {
    "method": "GET",
    "path": "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/summary",
    "parameters": [
      {
        "name": "account_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "app_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "session_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      }
    ]
  },
  "getTranscriptDownload": {
    "method": "GET",
    "path": "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/transcript",
    "parameters": [
      {
        "name": "account_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "app_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "maxLength": 32
        }
      },
      {
        "name": "session_id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "format": "uuid"
        }
      },
      {
        "name": "format",
        "in": "query",
        "required": false,
        "schema": {
          "type": "string",
          "enum": [
            "SRT",
            "VTT",
            "JSON",
            "CSV"
          ]
        }
      }
    ]
  }
};
