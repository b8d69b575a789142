// Generated from spec/openapi.yaml by openapi-typescript: do not edit.
// Change the spec, then run `pnpm generate`; the test run fails while this file is stale.

/** Every path of the spec, with its operations' parameters and answers: what openapi-fetch's `createClient` takes. */
export interface paths {
    "/accounts/{account_id}/realtime/kit/{app_id}/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
            };
            cookie?: never;
        };
        /**
         * List the sessions of an app
         * @description Returns one page of the app's sessions, newest first unless `sort_by`/`sort_order` say otherwise, with a top-level `paging` object that gives the offsets of this page and the total number of matching sessions. Filter by time range, status, participant count, associated meeting or a free-text search.
         */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/realtime/kit/{app_id}/sessions/peer-report/{peer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the peer, as in a participant's `peer_events[].peer_id`. */
                peer_id: string;
            };
            cookie?: never;
        };
        /**
         * Get the call statistics report of a peer
         * @description Returns the participant behind a peer ID together with its peer report: device, network and connection metadata, events, and audio/video quality statistics. Use `filters` to fetch one section of the report only.
         */
        get: operations["getPeerReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * Get a session
         * @description Returns one session: its meeting, type, state, timing and usage. With `include_breakout_rooms=true` the session's breakout rooms are listed in `breakout_rooms`, each described like a session.
         */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/chat": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * Get a download link for the chat log of a session
         * @description Returns a short-lived URL from which all chat messages of the session can be downloaded as CSV, and the time at which that URL expires. The URL points at storage outside the API host: fetch it without API credentials, and ask for a new one once it has expired.
         */
        get: operations["getChatDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * List the participants of a session
         * @description Returns one page of the people who joined the session, with when they joined and left, how long they stayed and the preset they used. The `paging` object inside `data` gives the offsets of this page and the total number of participants.
         */
        get: operations["listParticipants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/participants/{participant_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
                /** @description ID of the participant. */
                participant_id: string;
            };
            cookie?: never;
        };
        /**
         * Get a participant of a session
         * @description Returns one participant of the session. Call statistics are no longer part of this answer (whatever older documentation says): fetch them with `getPeerReport` for the participant's peer (its `peer_events` name the peer ID).
         */
        get: operations["getParticipant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/summary": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * Get a download link for the summary of a session's transcript
         * @description Returns a short-lived URL from which the AI summary of the session's transcript can be downloaded (Markdown, or plain text when the meeting's `text_format` says so), and the time at which that URL expires. Until a summary has been generated (see `generateSummary`) this answers 404. The URL points at storage outside the API host: fetch it without API credentials.
         */
        get: operations["getSummaryDownload"];
        put?: never;
        /**
         * Start generating the summary of a session's transcript
         * @description Triggers AI summary generation for the session's transcript and returns at once with the generation's status; the request has no body. Generation takes a while: poll `getSummaryDownload` until it answers with a download link.
         */
        post: operations["generateSummary"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/accounts/{account_id}/realtime/kit/{app_id}/sessions/{session_id}/transcript": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        /**
         * Get a download link for the transcript of a session
         * @description Returns a short-lived URL from which the session's transcript can be downloaded, in CSV unless `format` asks for SRT, VTT or JSON, and the time at which that URL expires. The URL points at storage outside the API host: fetch it without API credentials.
         */
        get: operations["getTranscriptDownload"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
/** The webhook deliveries the spec describes, by event name. */
export interface webhooks {
    "meeting.started": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A meeting started: its first participant joined.
         * @description Signed as every delivery is (`rtk-signature` over the raw body); the payload's sources are in its schema.
         */
        post: operations["webhookMeetingStarted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "meeting.ended": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A meeting ended: its last participant left, or the host ended it.
         * @description Signed as every delivery is (`rtk-signature` over the raw body); the payload's sources are in its schema.
         */
        post: operations["webhookMeetingEnded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "meeting.participantJoined": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A participant joined a meeting.
         * @description Signed as every delivery is (`rtk-signature` over the raw body); the payload's sources are in its schema.
         */
        post: operations["webhookParticipantJoined"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "meeting.participantLeft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A participant left a meeting.
         * @description Signed as every delivery is (`rtk-signature` over the raw body); the payload's sources are in its schema.
         */
        post: operations["webhookParticipantLeft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "meeting.chatSynced": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The chat of a session is ready to download.
         * @description Signed as every delivery is (`rtk-signature` over the raw body); the payload's sources are in its schema.
         */
        post: operations["webhookChatSynced"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "meeting.transcript": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The transcript of a session is ready to download.
         * @description Signed as every delivery is (`rtk-signature` over the raw body); the payload's sources are in its schema.
         */
        post: operations["webhookTranscript"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "meeting.summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The AI summary of a session is ready to download.
         * @description Signed as every delivery is (`rtk-signature` over the raw body); the payload's sources are in its schema.
         */
        post: operations["webhookSummary"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "recording.statusUpdate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A recording changed status.
         * @description Signed as every delivery is (`rtk-signature` over the raw body); the payload's sources are in its schema.
         */
        post: operations["webhookRecordingStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "livestreaming.statusUpdate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A livestream changed status.
         * @description Signed as every delivery is (`rtk-signature` over the raw body); the payload's sources are in its schema.
         */
        post: operations["webhookLivestreamingStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
/** The spec's schemas, responses and parameters, by name. */
export interface components {
    schemas: {
        /** @description A failure, in the envelope of whichever layer answered. */
        ErrorEnvelope: components["schemas"]["CloudflareErrorEnvelope"] | components["schemas"]["RealtimeKitErrorEnvelope"];
        /** @description The Cloudflare API v4 failure envelope, sent by the API gateway. */
        CloudflareErrorEnvelope: {
            /** @constant */
            success: false;
            errors: components["schemas"]["CloudflareMessage"][];
            messages?: components["schemas"]["CloudflareMessage"][];
            result?: null;
        };
        CloudflareMessage: {
            /** @description Cloudflare error code, for example 10000 (authentication error) or 971 (rate limited). */
            code: number;
            message: string;
            documentation_url?: string;
            source?: {
                pointer?: string;
            };
        };
        /** @description The failure envelope of the RealtimeKit service. */
        RealtimeKitErrorEnvelope: {
            /** @constant */
            success: false;
            error: {
                /** @description The HTTP status the service meant. */
                code: number;
                message: string;
            };
        };
        /** @description Where this page sits in the whole result. */
        Paging: {
            /** @description Offset of the first result on this page. */
            start_offset?: number;
            /** @description Offset of the last result on this page. */
            end_offset?: number;
            /** @description Number of results across all pages. */
            total_count?: number;
        };
        /** @description The state of a summary generation request, in one of two documented shapes: `{ session_id, status }` (the official document) or `{ success, message }` (earlier revisions). Every field is optional, so an empty object is a valid answer too. */
        SummaryGeneration: {
            /** Format: uuid */
            session_id?: string;
            /** @description State of the generation, as reported by the service. */
            status?: string;
            /** @description Whether generation was triggered (earlier shape). */
            success?: boolean;
            /** @description What the service did (earlier shape). */
            message?: string;
        };
        /** @description A session (one occurrence of a meeting), or one of its breakout rooms. */
        Session: {
            /** @description ID of the session. */
            readonly id: string;
            /** @description ID of the meeting this session belongs to: a UUID for V2 meetings, a room name of the form `abcdef-ghijkl` for V1 meetings. */
            associated_id: string;
            /** @description Title of the meeting this session belongs to. */
            meeting_display_name: string;
            /**
             * @description Type of session.
             * @enum {string}
             */
            type: "meeting" | "livestream" | "participant";
            /**
             * @description Current state of the session.
             * @enum {string}
             */
            status: "LIVE" | "ENDED";
            /** @description Number of participants in the session right now. */
            live_participants: number;
            /** @description Largest number of participants in the session at one time. */
            max_concurrent_participants: number;
            /** @description Participant-minutes consumed since the session started. */
            minutes_consumed: number;
            /** @description ID of the app that hosted the session. */
            organization_id: string;
            /** @description When the session started. */
            started_at: string;
            /** @description When the session ended; absent or null while it is live. */
            ended_at?: string | null;
            /** @description Any metadata about the session, in a shape the API does not fix. */
            meta?: unknown;
            /** @description When the session was created. */
            readonly created_at: string;
            /** @description When the session was last updated. */
            readonly updated_at: string;
            /** @description The session's breakout rooms; present with `include_breakout_rooms=true`. */
            readonly breakout_rooms?: components["schemas"]["Session"][];
        };
        /** @description A person's participation in a session. */
        Participant: {
            /** @description Participant ID. It maps to the participant's peer ID. */
            id: string;
            /** @description User ID of the participant. */
            user_id: string;
            /** @description ID given by your app when it added the participant. */
            custom_participant_id: string;
            /** @description Display name of the participant when joining the session. */
            display_name: string;
            /** @description Name of the preset the participant joined with. */
            preset_name: string;
            /** @description When the participant joined the session. */
            joined_at: string;
            /** @description When the participant left the session; absent or null while it is still in the call. */
            left_at?: string | null;
            /** @description Minutes the participant spent in the session. */
            duration: number;
            /** @description When this participant was created. */
            readonly created_at: string;
            /** @description When this participant's data was last updated. */
            readonly updated_at: string;
            /** @description Connection lifecycle events of the participant's peer; present with `include_peer_events=true`. */
            peer_events?: components["schemas"]["PeerEvent"][];
        };
        /** @description A participant, as seen through its peer, with its call statistics. */
        PeerReportParticipant: {
            /**
             * Format: uuid
             * @description ID of the participant.
             */
            id: string;
            /**
             * Format: uuid
             * @description ID of the session.
             */
            session_id?: string;
            /** @description User ID of the participant. */
            user_id: string;
            /** @description ID given by your app when it added the participant. */
            custom_participant_id: string;
            /** @description Display name of the participant when joining the session. */
            display_name: string;
            /** @description Name of the preset the participant joined with. */
            role?: string;
            /** @description When the participant joined the session. */
            joined_at: string;
            /** @description When the participant left the session; absent or null while it is still in the call. */
            left_at?: string | null;
            /** @description Minutes the participant spent in the session. */
            duration: number;
            /** @description When this participant was created. */
            readonly created_at: string;
            /** @description When this participant's data was last updated. */
            readonly updated_at: string;
            /** @description Connection lifecycle events of the peer; present with `include_peer_events=true`. */
            peer_events?: components["schemas"]["PeerEvent"][];
            peer_report?: components["schemas"]["PeerReport"];
        };
        /** @description A connection lifecycle event of a participant's peer. */
        PeerEvent: {
            /** @description ID of the event. */
            id: string;
            /**
             * @description What happened.
             * @enum {string}
             */
            event_name: "PEER_CREATED" | "PEER_JOINING" | "PEER_LEAVING";
            /** @description Peer the event belongs to. */
            peer_id: string;
            /** @description Participant the event belongs to. */
            participant_id?: string | null;
            /** @description Session the event belongs to. */
            session_id?: string | null;
            /** @description Socket session the event is associated with. */
            socket_session_id?: string | null;
            /**
             * @description View type of the participant's preset.
             * @enum {string|null}
             */
            preset_view_type?: "GROUP_CALL" | "WEBINAR" | "AUDIO_ROOM" | "LIVESTREAM" | "CHAT" | null;
            /** @description Minutes consumed attributed to this event. */
            minutes_consumed?: number;
            /** @description When the event was recorded. */
            readonly created_at: string;
            /** @description When the event was last updated. */
            readonly updated_at: string;
        };
        /** @description Where to download the session's chat log, and until when. The file is CSV with a header row `id,participantId,sessionId,meetingId,displayName,pinned,isEdited,payloadType,payload,createdAt`; `pinned` and `isEdited` are `true`/`false`, `payloadType` is one of `TEXT_MESSAGE`, `IMAGE_MESSAGE` and `FILE_MESSAGE`. */
        ChatDownload: {
            /** @description Short-lived URL of the chat log, outside the API host. */
            chat_download_url: string;
            /** @description When the URL expires. */
            chat_download_url_expiry: string;
        };
        /** @description Where to download the session's transcript, and until when. Cloudflare's transcription guide has documented two CSV layouts: one with a header row `Timestamp,Participant ID,User ID,Custom Participant ID,Participant Name,Transcript` and ISO 8601 timestamps, and one without a header whose six quoted fields are the start time in milliseconds, peer ID, user ID, custom participant ID, participant name and text. The JSON file is a list of `{ startTime, endTime, sentence, peerData: { id, userId, displayName, cpi } }`; SRT and VTT are subtitles. */
        TranscriptDownload: {
            /** @description ID of the session. */
            sessionId: string;
            /** @description Short-lived URL of the transcript, outside the API host. */
            transcript_download_url: string;
            /** @description When the URL expires. */
            transcript_download_url_expiry: string;
        };
        /**
         * TranscriptSummary
         * @description Where to download the summary of the session's transcript, and until when. The file is Markdown unless the meeting's `ai_config.summarization.text_format` is `plain_text`.
         */
        SummaryDownload: {
            /** @description ID of the session. */
            sessionId: string;
            /** @description Short-lived URL of the summary, outside the API host. */
            summaryDownloadUrl: string;
            /** @description When the URL expires. */
            summaryDownloadUrlExpiry: string;
        };
        /** @description Per-sample inbound (consumer) audio statistics. */
        AudioConsumerStats: {
            bytes_received?: number;
            concealment_events?: number;
            consumer_id?: string;
            jitter?: number;
            jitter_buffer_delay?: number;
            jitter_buffer_emitted_count?: number;
            mid?: string;
            mos_quality?: number;
            packets_lost?: number;
            packets_received?: number;
            peer_id?: string;
            producer_id?: string;
            ssrc?: number;
            timestamp?: string;
        };
        /** @description Aggregated inbound (consumer) audio statistics for the session. */
        AudioConsumerStatsCumulative: {
            jitter_buffer_delay?: components["schemas"]["LatencyCumulative"];
            packet_loss?: components["schemas"]["PacketLossCumulative"];
            quality_mos?: components["schemas"]["PercentileStats"];
        };
        /** @description Per-sample outbound (producer) audio statistics. */
        AudioProducerStats: {
            bytes_sent?: number;
            jitter?: number;
            mid?: string;
            mos_quality?: number;
            packets_lost?: number;
            packets_sent?: number;
            producer_id?: string;
            rtt?: number;
            ssrc?: number;
            timestamp?: string;
        };
        /** @description Aggregated outbound (producer) audio statistics for the session. */
        AudioProducerStatsCumulative: {
            packet_loss?: components["schemas"]["PacketLossCumulative"];
            quality_mos?: components["schemas"]["PercentileStats"];
            rtt?: components["schemas"]["LatencyCumulative"];
        };
        /** @description ICE candidate pair statistics for a transport. */
        CandidatePairStats: {
            available_incoming_bitrate?: number;
            available_outgoing_bitrate?: number;
            bytes_discarded_on_send?: number;
            bytes_received?: number;
            bytes_sent?: number;
            current_round_trip_time?: number;
            /** @description Epoch milliseconds when the last packet was received. */
            last_packet_received_timestamp?: number;
            /** @description Epoch milliseconds when the last packet was sent. */
            last_packet_sent_timestamp?: number;
            local_candidate_address?: string;
            local_candidate_id?: string;
            local_candidate_network_type?: string;
            local_candidate_port?: number;
            local_candidate_protocol?: string;
            local_candidate_related_address?: string;
            local_candidate_related_port?: number;
            local_candidate_type?: string;
            local_candidate_url?: string;
            nominated?: boolean;
            packets_discarded_on_send?: number;
            packets_received?: number;
            packets_sent?: number;
            remote_candidate_address?: string;
            remote_candidate_id?: string;
            remote_candidate_port?: number;
            remote_candidate_protocol?: string;
            remote_candidate_type?: string;
            remote_candidate_url?: string;
            total_round_trip_time?: number;
        };
        /** @description Cumulative latency distribution (milliseconds-based thresholds). */
        LatencyCumulative: {
            "100ms_or_greater_event_fraction"?: number;
            "250ms_or_greater_event_fraction"?: number;
            "500ms_or_greater_event_fraction"?: number;
            avg?: number;
        };
        /** @description Cumulative packet loss distribution. */
        PacketLossCumulative: {
            "5_or_greater_event_fraction"?: number;
            "10_or_greater_event_fraction"?: number;
            "25_or_greater_event_fraction"?: number;
            "50_or_greater_event_fraction"?: number;
            avg?: number;
        };
        /** @description Peer call statistics report. */
        PeerReport: {
            metadata?: components["schemas"]["PeerReportMetadata"];
            quality?: components["schemas"]["PeerReportQuality"];
        };
        /** @description A media device (camera, microphone, or speaker). */
        PeerReportDevice: {
            /** @description ID of the device. */
            device_id?: string;
            /** @description Kind of device, for example audioinput or videoinput. */
            kind?: string;
            /** @description Human-readable label of the device. */
            label?: string;
        };
        /** @description A change to the set of available devices at a point in time. */
        PeerReportDeviceUpdate: {
            /** @description Devices that became available. */
            added?: components["schemas"]["PeerReportDevice"][];
            /** @description Devices that became unavailable. */
            removed?: components["schemas"]["PeerReportDevice"][];
            /** @description Timestamp of the device update. */
            timestamp?: string;
        };
        /** @description A timestamped event recorded during the participant's connection. */
        PeerReportEvent: {
            /** @description Event-specific metadata. Keys vary per event; values are primitive scalars (string, number, boolean, or null). */
            metadata?: {
                [key: string]: string | number | boolean | null;
            };
            /** @description Name of the event. */
            name?: string;
            /** @description Timestamp when the event occurred. */
            timestamp?: string;
        };
        /** @description Connection and device metadata for the participant. */
        PeerReportMetadata: {
            audio_devices_updates?: components["schemas"]["PeerReportDeviceUpdate"][];
            browser_metadata?: {
                browser?: string;
                browser_version?: string;
                engine?: string;
                user_agent?: string;
                webgl_support?: boolean | null;
            };
            candidate_pairs?: {
                consuming_transport?: components["schemas"]["CandidatePairStats"][];
                producing_transport?: components["schemas"]["CandidatePairStats"][];
            };
            device_info?: {
                cpus?: number;
                is_mobile?: boolean;
                os?: string;
                os_version?: string;
            };
            events?: components["schemas"]["PeerReportEvent"][];
            ip_information?: {
                asn?: {
                    asn?: string;
                    domain?: string;
                    name?: string;
                    route?: string;
                    type?: string;
                };
                city?: string;
                country?: string;
                ipv4?: string;
                org?: string;
                region?: string;
                timezone?: string;
            };
            native_metadata?: {
                audio_encoder?: string;
                video_encoder?: string;
            };
            pc_metadata?: {
                effective_network_type?: string;
                reflexive_connectivity?: boolean;
                relay_connectivity?: boolean;
                sdp?: string[];
                timestamp?: string;
                turn_connectivity?: boolean;
            }[];
            room_view_type?: string;
            sdk_name?: string;
            sdk_type?: string;
            sdk_version?: string;
            selected_device_updates?: {
                device?: components["schemas"]["PeerReportDevice"];
                timestamp?: string;
            }[];
            speaker_devices_updates?: components["schemas"]["PeerReportDeviceUpdate"][];
            video_devices_updates?: components["schemas"]["PeerReportDeviceUpdate"][];
        };
        /** @description Media quality statistics for the participant. */
        PeerReportQuality: {
            audio_consumer?: components["schemas"]["AudioConsumerStats"][];
            audio_consumer_cumulative?: components["schemas"]["AudioConsumerStatsCumulative"];
            audio_producer?: components["schemas"]["AudioProducerStats"][];
            audio_producer_cumulative?: components["schemas"]["AudioProducerStatsCumulative"];
            screenshare_audio_consumer?: components["schemas"]["AudioConsumerStats"][];
            screenshare_audio_consumer_cumulative?: components["schemas"]["AudioConsumerStatsCumulative"];
            screenshare_audio_producer?: components["schemas"]["AudioProducerStats"][];
            screenshare_audio_producer_cumulative?: components["schemas"]["AudioProducerStatsCumulative"];
            screenshare_video_consumer?: components["schemas"]["VideoConsumerStats"][];
            screenshare_video_consumer_cumulative?: components["schemas"]["VideoConsumerStatsCumulative"];
            screenshare_video_producer?: components["schemas"]["VideoProducerStats"][];
            screenshare_video_producer_cumulative?: components["schemas"]["VideoProducerStatsCumulative"];
            video_consumer?: components["schemas"]["VideoConsumerStats"][];
            video_consumer_cumulative?: components["schemas"]["VideoConsumerStatsCumulative"];
            video_producer?: components["schemas"]["VideoProducerStats"][];
            video_producer_cumulative?: components["schemas"]["VideoProducerStatsCumulative"];
        };
        /** @description Distribution summary with average and percentiles. */
        PercentileStats: {
            avg?: number;
            p50?: number;
            p75?: number;
            p90?: number;
        };
        /** @description Per-sample inbound (consumer) video statistics. */
        VideoConsumerStats: {
            bytes_received?: number;
            consumer_id?: string;
            fir_count?: number;
            frame_height?: number;
            frame_width?: number;
            frames_decoded?: number;
            frames_dropped?: number;
            frames_per_second?: number;
            jitter?: number;
            jitter_buffer_delay?: number;
            jitter_buffer_emitted_count?: number;
            key_frames_decoded?: number;
            mid?: string;
            mos_quality?: number;
            packets_lost?: number;
            packets_received?: number;
            peer_id?: string;
            producer_id?: string;
            ssrc?: number;
            timestamp?: string;
        };
        /** @description Aggregated inbound (consumer) video statistics for the session. */
        VideoConsumerStatsCumulative: {
            frame_per_second?: components["schemas"]["PercentileStats"];
            frame_width?: components["schemas"]["PercentileStats"];
            issues?: {
                lag_fraction?: number;
                no_video_fraction?: number;
                poor_resolution_fraction?: number;
            };
            jitter_buffer_delay?: components["schemas"]["LatencyCumulative"];
            key_frames_decoded_fraction?: number;
            packet_loss?: components["schemas"]["PacketLossCumulative"];
            quality_mos?: components["schemas"]["PercentileStats"];
        };
        /** @description Per-sample outbound (producer) video statistics. */
        VideoProducerStats: {
            bytes_sent?: number;
            fir_count?: number;
            frame_height?: number;
            frame_width?: number;
            frames_encoded?: number;
            frames_per_second?: number;
            jitter?: number;
            key_frames_encoded?: number;
            mid?: string;
            mos_quality?: number;
            packets_lost?: number;
            packets_sent?: number;
            pli_count?: number;
            producer_id?: string;
            quality_limitation_durations?: {
                bandwidth?: number;
                cpu?: number;
                none?: number;
                other?: number;
            };
            /** @enum {string} */
            quality_limitation_reason?: "cpu" | "bandwidth" | "none" | "other";
            quality_limitation_resolution_changes?: number;
            rtt?: number;
            ssrc?: number;
            timestamp?: string;
        };
        /** @description Aggregated outbound (producer) video statistics for the session. */
        VideoProducerStatsCumulative: {
            frame_per_second?: components["schemas"]["PercentileStats"];
            frame_width?: components["schemas"]["PercentileStats"];
            high_negative_feedback_fraction?: number;
            issues?: {
                bandwidth_quality_limitation_fraction?: number;
                cpu_quality_limitation_fraction?: number;
                no_video_fraction?: number;
                poor_resolution_fraction?: number;
                quality_limitation_fraction?: number;
            };
            key_frames_encoded_fraction?: number;
            packet_loss?: components["schemas"]["PacketLossCumulative"];
            quality_mos?: components["schemas"]["PercentileStats"];
            rtt?: components["schemas"]["LatencyCumulative"];
        };
        /** @description The meeting an event is about, as the predecessor's Webhook Events List shows it (`roomName` only for meetings made with its v1 APIs). Fields not listed pass through. */
        WebhookMeeting: {
            /** @description ID of the meeting. */
            id?: string;
            /** @description ID of the session the event belongs to. */
            sessionId?: string;
            title?: string;
            roomName?: string;
            status?: string;
            createdAt?: string;
            startedAt?: string;
            endedAt?: string;
            organizedBy?: {
                id?: string;
                name?: string;
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /** @description Source - the predecessor's Webhook Events List, `meeting.started`. */
        MeetingStartedEvent: {
            /** @constant */
            event: "meeting.started";
            meeting?: components["schemas"]["WebhookMeeting"];
        } & {
            [key: string]: unknown;
        };
        /** @description Source - the predecessor's Webhook Events List, `meeting.ended`; `reason` is `HOST_ENDED_MEETING` or `ALL_PARTICIPANTS_LEFT` there (not an enum here, so that a new reason passes). */
        MeetingEndedEvent: {
            /** @constant */
            event: "meeting.ended";
            meeting?: components["schemas"]["WebhookMeeting"];
            reason?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The participant of a join or leave. The predecessor's Participant interface names `userDisplayName`; no published payload shows the rest, which pass through. */
        WebhookParticipant: {
            userDisplayName?: string;
        } & {
            [key: string]: unknown;
        };
        ParticipantJoinedEvent: {
            /** @constant */
            event: "meeting.participantJoined";
            meeting?: components["schemas"]["WebhookMeeting"];
            participant?: components["schemas"]["WebhookParticipant"];
        } & {
            [key: string]: unknown;
        };
        ParticipantLeftEvent: {
            /** @constant */
            event: "meeting.participantLeft";
            meeting?: components["schemas"]["WebhookMeeting"];
            participant?: components["schemas"]["WebhookParticipant"];
        } & {
            [key: string]: unknown;
        };
        /** @description The fields RealtimeKit backends in public code read; some read the meeting's ids at the top level (`meetingId`, `sessionId`), others under `meeting`. Both are described. */
        ChatSyncedEvent: {
            /** @constant */
            event: "meeting.chatSynced";
            meeting?: components["schemas"]["WebhookMeeting"];
            meetingId?: string;
            sessionId?: string;
            /** @description A short-lived link to the chat's CSV file (the layout `getChatDownload`'s file has). */
            chatDownloadUrl?: string;
            chatDownloadUrlExpiry?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The fields RealtimeKit backends in public code read. */
        TranscriptEvent: {
            /** @constant */
            event: "meeting.transcript";
            meeting?: components["schemas"]["WebhookMeeting"];
            /** @description A short-lived link to the transcript file. */
            transcriptDownloadUrl?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The fields RealtimeKit backends in public code read. */
        SummaryEvent: {
            /** @constant */
            event: "meeting.summary";
            meeting?: components["schemas"]["WebhookMeeting"];
            /** @description A short-lived link to the summary (Markdown). */
            summaryDownloadUrl?: string;
        } & {
            [key: string]: unknown;
        };
        /** @description The fields RealtimeKit backends in public code read. */
        RecordingStatusEvent: {
            /** @constant */
            event: "recording.statusUpdate";
            recording?: {
                id?: string;
                /** @description Such as `UPLOADED` or `ERRORED`. */
                status?: string;
                meetingId?: string;
                outputFileName?: string;
                fileSize?: number;
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /** @description No payload of this event is public; every field beyond `event` passes through. */
        LivestreamingStatusEvent: {
            /** @constant */
            event: "livestreaming.statusUpdate";
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description One page of sessions. */
        SessionList: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    success: true;
                    data: {
                        sessions: components["schemas"]["Session"][];
                    };
                    paging?: components["schemas"]["Paging"];
                };
            };
        };
        /** @description The session. */
        Session: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    success: true;
                    data: components["schemas"]["Session"];
                };
            };
        };
        /** @description One page of the participants of a session. */
        ParticipantList: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    success: true;
                    data: {
                        participants: components["schemas"]["Participant"][];
                        paging?: components["schemas"]["Paging"];
                    };
                    paging?: components["schemas"]["Paging"];
                };
            };
        };
        /** @description The participant. */
        Participant: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    success: true;
                    data: {
                        participant: components["schemas"]["Participant"];
                    };
                };
            };
        };
        /** @description The participant behind the peer ID, with its peer report. */
        PeerReport: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    success: true;
                    data: {
                        participant: components["schemas"]["PeerReportParticipant"];
                    };
                };
            };
        };
        /** @description A download link for the session's chat log (CSV). */
        ChatDownload: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    success: true;
                    data: components["schemas"]["ChatDownload"];
                };
            };
        };
        /** @description A download link for the session's transcript. */
        TranscriptDownload: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    success: true;
                    data: components["schemas"]["TranscriptDownload"];
                };
            };
        };
        /** @description Summary generation has been triggered. */
        SummaryGeneration: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    success: true;
                    data: components["schemas"]["SummaryGeneration"];
                };
            };
        };
        /** @description A download link for the summary of the session's transcript (Markdown by default). */
        SummaryDownload: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": {
                    /** @constant */
                    success: true;
                    data: components["schemas"]["SummaryDownload"];
                };
            };
        };
        /** @description The request is malformed; the RealtimeKit service says what is wrong. */
        BadRequest: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description No credentials, or credentials the Cloudflare API does not accept. */
        Unauthorized: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The credentials are valid but lack the permission, or the account has no access to the app. */
        Forbidden: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description Nothing with that ID: an unknown app, session, participant or peer, or a summary that has not been generated yet. */
        NotFound: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The request is well-formed but a value is not acceptable (a bad enum value, a number out of range, an ID that is not a UUID). */
        UnprocessableEntity: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description Rate limited. Wait as long as `Retry-After` says before trying again. The edge may send this status with an empty body. */
        TooManyRequests: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
        /** @description The Cloudflare API or the RealtimeKit service failed. Retrying an idempotent request later may succeed. The edge may answer with an empty or HTML body instead. */
        ServerError: {
            headers: {
                Ratelimit: components["headers"]["Ratelimit"];
                "Ratelimit-Policy": components["headers"]["RatelimitPolicy"];
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorEnvelope"];
            };
        };
    };
    parameters: {
        /** @description Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the raw body (Cloudflare's webhooks guide). Verify it over the bytes as they arrived, never over a re-serialised body. */
        WebhookSignature: string;
        /** @description The delivery's id. A retried delivery comes with a new one (seen by RealtimeKit backends in public code), so it does not identify the event: de-duplicate by the webhook id and the body. */
        WebhookDelivery: string;
        /** @description The id of the webhook the delivery is for. */
        WebhookId: string;
        /** @description The Cloudflare account ID. */
        AccountId: string;
        /** @description The RealtimeKit app ID. */
        AppId: string;
        /** @description ID of the session. */
        SessionId: string;
        /** @description The page of results to return. */
        PageNo: number;
        /** @description Number of results per page. */
        PerPage: number;
        /** @description Sort direction, for the field named by `sort_by`. */
        SortOrder: "ASC" | "DESC";
        /** @description Also return the connection lifecycle events (`peer_events`) of the participant. */
        IncludePeerEvents: boolean;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The state of the rate limits this request counted against: a list of items, each the limit's name, the requests left in the window (`r`) and the seconds until it resets (`t`), for example `"default";r=50;t=30`.
         * @example "default";r=50;t=30
         */
        Ratelimit: string;
        /**
         * @description The rate-limit policies that apply: a list of items, each the policy's name, its quota (`q`) and its window in seconds (`w`), for example `"burst";q=100;w=60`.
         * @example "burst";q=100;w=60
         */
        RatelimitPolicy: string;
        /**
         * @description Seconds to wait (rounded up), or an HTTP date after which to try again.
         * @example 1
         */
        RetryAfter: string;
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
/** Every operation of the spec by its `operationId`: its parameters and answers. */
export interface operations {
    listSessions: {
        parameters: {
            query?: {
                /** @description The page of results to return. */
                page_no?: components["parameters"]["PageNo"];
                /** @description Number of results per page. */
                per_page?: components["parameters"]["PerPage"];
                /** @description Field to sort sessions by. */
                sort_by?: "minutesConsumed" | "createdAt";
                /** @description Sort direction, for the field named by `sort_by`. */
                sort_order?: components["parameters"]["SortOrder"];
                /** @description Only sessions from this time on. The time must be specified in ISO 8601 format, for example `2026-11-01T00:00:00Z`. */
                start_time?: string;
                /** @description Only sessions up to this time. The time must be specified in ISO 8601 format, for example `2026-11-30T23:59:59Z`. */
                end_time?: string;
                /** @description Range of participant counts, written `min:max`; for example `1:10` keeps sessions that had between 1 and 10 participants. */
                participants?: string;
                /** @description Only sessions in this state. */
                status?: "LIVE" | "ENDED";
                /** @description Free text matched against the meeting title, the meeting ID and the session ID. */
                search?: string;
                /** @description Only sessions of this meeting: a V2 meeting's UUID, or a V1 meeting's room name of the form `abcdef-ghijkl`. */
                associated_id?: string;
            };
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SessionList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getPeerReport: {
        parameters: {
            query?: {
                /** @description Return only these sections of the peer report: a comma-separated list without spaces of `device_info`, `ip_information`, `precall_network_information`, `events` and `quality_stats`. */
                filters?: string;
                /** @description Also return the connection lifecycle events (`peer_events`) of the participant. */
                include_peer_events?: components["parameters"]["IncludePeerEvents"];
            };
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the peer, as in a participant's `peer_events[].peer_id`. */
                peer_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["PeerReport"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getSession: {
        parameters: {
            query?: {
                /** @description Also list the session's breakout rooms. */
                include_breakout_rooms?: boolean;
            };
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Session"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getChatDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ChatDownload"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    listParticipants: {
        parameters: {
            query?: {
                /** @description Free text matched against the participant ID, the custom participant ID and the display name. */
                search?: string;
                /** @description The page of results to return. */
                page_no?: components["parameters"]["PageNo"];
                /** @description Number of results per page. */
                per_page?: components["parameters"]["PerPage"];
                /** @description Sort direction, for the field named by `sort_by`. */
                sort_order?: components["parameters"]["SortOrder"];
                /** @description Field to sort participants by. */
                sort_by?: "joinedAt" | "duration";
                /** @description Also return the connection lifecycle events (`peer_events`) of the participant. */
                include_peer_events?: components["parameters"]["IncludePeerEvents"];
                /** @description For sessions with breakout rooms: `raw` reports each participant's time in this session only, `consolidated` adds up the time spent in its breakout rooms. */
                view?: "raw" | "consolidated";
            };
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["ParticipantList"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getParticipant: {
        parameters: {
            query?: {
                /** @description Also return the connection lifecycle events (`peer_events`) of the participant. */
                include_peer_events?: components["parameters"]["IncludePeerEvents"];
            };
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
                /** @description ID of the participant. */
                participant_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["Participant"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getSummaryDownload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SummaryDownload"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    generateSummary: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["SummaryGeneration"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    getTranscriptDownload: {
        parameters: {
            query?: {
                /** @description File format of the transcript behind the download link. */
                format?: "SRT" | "VTT" | "JSON" | "CSV";
            };
            header?: never;
            path: {
                /** @description The Cloudflare account ID. */
                account_id: components["parameters"]["AccountId"];
                /** @description The RealtimeKit app ID. */
                app_id: components["parameters"]["AppId"];
                /** @description ID of the session. */
                session_id: components["parameters"]["SessionId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: components["responses"]["TranscriptDownload"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            429: components["responses"]["TooManyRequests"];
            "5XX": components["responses"]["ServerError"];
        };
    };
    webhookMeetingStarted: {
        parameters: {
            query?: never;
            header: {
                /** @description Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the raw body (Cloudflare's webhooks guide). Verify it over the bytes as they arrived, never over a re-serialised body. */
                "rtk-signature": components["parameters"]["WebhookSignature"];
                /** @description The delivery's id. A retried delivery comes with a new one (seen by RealtimeKit backends in public code), so it does not identify the event: de-duplicate by the webhook id and the body. */
                "rtk-uuid"?: components["parameters"]["WebhookDelivery"];
                /** @description The id of the webhook the delivery is for. */
                "rtk-webhook-id"?: components["parameters"]["WebhookId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MeetingStartedEvent"];
            };
        };
        responses: {
            /** @description Accepted. Answer 2xx at once; a delivery without one is sent again, with a new `rtk-uuid`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookMeetingEnded: {
        parameters: {
            query?: never;
            header: {
                /** @description Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the raw body (Cloudflare's webhooks guide). Verify it over the bytes as they arrived, never over a re-serialised body. */
                "rtk-signature": components["parameters"]["WebhookSignature"];
                /** @description The delivery's id. A retried delivery comes with a new one (seen by RealtimeKit backends in public code), so it does not identify the event: de-duplicate by the webhook id and the body. */
                "rtk-uuid"?: components["parameters"]["WebhookDelivery"];
                /** @description The id of the webhook the delivery is for. */
                "rtk-webhook-id"?: components["parameters"]["WebhookId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MeetingEndedEvent"];
            };
        };
        responses: {
            /** @description Accepted. Answer 2xx at once; a delivery without one is sent again, with a new `rtk-uuid`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookParticipantJoined: {
        parameters: {
            query?: never;
            header: {
                /** @description Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the raw body (Cloudflare's webhooks guide). Verify it over the bytes as they arrived, never over a re-serialised body. */
                "rtk-signature": components["parameters"]["WebhookSignature"];
                /** @description The delivery's id. A retried delivery comes with a new one (seen by RealtimeKit backends in public code), so it does not identify the event: de-duplicate by the webhook id and the body. */
                "rtk-uuid"?: components["parameters"]["WebhookDelivery"];
                /** @description The id of the webhook the delivery is for. */
                "rtk-webhook-id"?: components["parameters"]["WebhookId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParticipantJoinedEvent"];
            };
        };
        responses: {
            /** @description Accepted. Answer 2xx at once; a delivery without one is sent again, with a new `rtk-uuid`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookParticipantLeft: {
        parameters: {
            query?: never;
            header: {
                /** @description Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the raw body (Cloudflare's webhooks guide). Verify it over the bytes as they arrived, never over a re-serialised body. */
                "rtk-signature": components["parameters"]["WebhookSignature"];
                /** @description The delivery's id. A retried delivery comes with a new one (seen by RealtimeKit backends in public code), so it does not identify the event: de-duplicate by the webhook id and the body. */
                "rtk-uuid"?: components["parameters"]["WebhookDelivery"];
                /** @description The id of the webhook the delivery is for. */
                "rtk-webhook-id"?: components["parameters"]["WebhookId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ParticipantLeftEvent"];
            };
        };
        responses: {
            /** @description Accepted. Answer 2xx at once; a delivery without one is sent again, with a new `rtk-uuid`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookChatSynced: {
        parameters: {
            query?: never;
            header: {
                /** @description Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the raw body (Cloudflare's webhooks guide). Verify it over the bytes as they arrived, never over a re-serialised body. */
                "rtk-signature": components["parameters"]["WebhookSignature"];
                /** @description The delivery's id. A retried delivery comes with a new one (seen by RealtimeKit backends in public code), so it does not identify the event: de-duplicate by the webhook id and the body. */
                "rtk-uuid"?: components["parameters"]["WebhookDelivery"];
                /** @description The id of the webhook the delivery is for. */
                "rtk-webhook-id"?: components["parameters"]["WebhookId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChatSyncedEvent"];
            };
        };
        responses: {
            /** @description Accepted. Answer 2xx at once; a delivery without one is sent again, with a new `rtk-uuid`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookTranscript: {
        parameters: {
            query?: never;
            header: {
                /** @description Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the raw body (Cloudflare's webhooks guide). Verify it over the bytes as they arrived, never over a re-serialised body. */
                "rtk-signature": components["parameters"]["WebhookSignature"];
                /** @description The delivery's id. A retried delivery comes with a new one (seen by RealtimeKit backends in public code), so it does not identify the event: de-duplicate by the webhook id and the body. */
                "rtk-uuid"?: components["parameters"]["WebhookDelivery"];
                /** @description The id of the webhook the delivery is for. */
                "rtk-webhook-id"?: components["parameters"]["WebhookId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TranscriptEvent"];
            };
        };
        responses: {
            /** @description Accepted. Answer 2xx at once; a delivery without one is sent again, with a new `rtk-uuid`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookSummary: {
        parameters: {
            query?: never;
            header: {
                /** @description Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the raw body (Cloudflare's webhooks guide). Verify it over the bytes as they arrived, never over a re-serialised body. */
                "rtk-signature": components["parameters"]["WebhookSignature"];
                /** @description The delivery's id. A retried delivery comes with a new one (seen by RealtimeKit backends in public code), so it does not identify the event: de-duplicate by the webhook id and the body. */
                "rtk-uuid"?: components["parameters"]["WebhookDelivery"];
                /** @description The id of the webhook the delivery is for. */
                "rtk-webhook-id"?: components["parameters"]["WebhookId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SummaryEvent"];
            };
        };
        responses: {
            /** @description Accepted. Answer 2xx at once; a delivery without one is sent again, with a new `rtk-uuid`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookRecordingStatus: {
        parameters: {
            query?: never;
            header: {
                /** @description Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the raw body (Cloudflare's webhooks guide). Verify it over the bytes as they arrived, never over a re-serialised body. */
                "rtk-signature": components["parameters"]["WebhookSignature"];
                /** @description The delivery's id. A retried delivery comes with a new one (seen by RealtimeKit backends in public code), so it does not identify the event: de-duplicate by the webhook id and the body. */
                "rtk-uuid"?: components["parameters"]["WebhookDelivery"];
                /** @description The id of the webhook the delivery is for. */
                "rtk-webhook-id"?: components["parameters"]["WebhookId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordingStatusEvent"];
            };
        };
        responses: {
            /** @description Accepted. Answer 2xx at once; a delivery without one is sent again, with a new `rtk-uuid`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhookLivestreamingStatus: {
        parameters: {
            query?: never;
            header: {
                /** @description Base64 RSASSA-PKCS1-v1_5 SHA-256 signature of the raw body (Cloudflare's webhooks guide). Verify it over the bytes as they arrived, never over a re-serialised body. */
                "rtk-signature": components["parameters"]["WebhookSignature"];
                /** @description The delivery's id. A retried delivery comes with a new one (seen by RealtimeKit backends in public code), so it does not identify the event: de-duplicate by the webhook id and the body. */
                "rtk-uuid"?: components["parameters"]["WebhookDelivery"];
                /** @description The id of the webhook the delivery is for. */
                "rtk-webhook-id"?: components["parameters"]["WebhookId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LivestreamingStatusEvent"];
            };
        };
        responses: {
            /** @description Accepted. Answer 2xx at once; a delivery without one is sent again, with a new `rtk-uuid`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
