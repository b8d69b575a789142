// `peer-report`: a peer's device, network and call quality, section by section.
import { Option } from "@commander-js/extra-typings";
import type { PeerReport, PeerReportFilter } from "@realtimekit-sessions/client";
import type { Context, ContextOf } from "../context.js";
import { printJsonLines, printTable, when } from "../output.js";
import type { Parent } from "./options.js";

const SECTIONS = ["device_info", "ip_information", "precall_network_information", "events", "quality_stats"] as const;

export function addPeerReport(program: Parent, context: ContextOf): void {
  program
    .command("peer-report")
    .description("show the call statistics of a peer (a participant's connection)")
    .argument("<peer-id>")
    .addOption(new Option("--section <section...>", "only these sections").choices(SECTIONS))
    .action((peerId, options, command) => showPeerReport(context(command), peerId, options));
}

export async function showPeerReport(
  context: Context,
  peerId: string,
  options: { section?: PeerReportFilter[] | undefined },
): Promise<void> {
  const { io, json } = context;
  const client = await context.client();
  const sections = options.section ? [...new Set(options.section)] : undefined;
  const participant = await client.getPeerReport(peerId, sections ? { filters: sections } : {}, { signal: io.signal });
  if (json) return printJsonLines(io, [participant]);
  const report = participant.peer_report ?? {};
  const rows: (string | number)[][] = [
    ["participant", `${participant.display_name ?? ""} (${participant.id ?? ""})`],
    ["session", participant.session_id ?? ""],
  ];
  for (const section of sections ?? SECTIONS) rows.push(...SHOW[section](report));
  await printTable(io, ["field", "value"], rows);
}

type Rows = (string | number)[][];
const joined = (...parts: (string | number | boolean | undefined)[]) =>
  parts.filter((part) => part !== undefined && part !== "").join(" ") || "-";
const yesNo = (value: boolean | undefined) => (value === undefined ? undefined : value ? "yes" : "no");

/** The rows of each section the API can be asked for. */
const SHOW: Record<(typeof SECTIONS)[number], (report: PeerReport) => Rows> = {
  device_info({ metadata }) {
    const device = metadata?.device_info;
    const browser = metadata?.browser_metadata;
    return [
      ["device", joined(device?.os, device?.os_version, device?.is_mobile ? "(mobile)" : undefined)],
      ["cpus", device?.cpus ?? "-"],
      ["browser", joined(browser?.browser, browser?.browser_version)],
    ];
  },
  ip_information({ metadata }) {
    const ip = metadata?.ip_information;
    return [
      ["location", [ip?.city, ip?.region, ip?.country].filter(Boolean).join(", ") || "-"],
      ["time zone", ip?.timezone ?? "-"],
      ["network", joined(ip?.org ?? ip?.asn?.name)],
    ];
  },
  precall_network_information({ metadata }) {
    const network = metadata?.pc_metadata?.[0];
    const pair = metadata?.candidate_pairs?.producing_transport?.[0];
    return [
      ["network type", network?.effective_network_type ?? "-"],
      [
        "connectivity",
        joined(
          network?.reflexive_connectivity === undefined
            ? undefined
            : `reflexive ${yesNo(network.reflexive_connectivity)},`,
          network?.relay_connectivity === undefined ? undefined : `relay ${yesNo(network.relay_connectivity)},`,
          network?.turn_connectivity === undefined ? undefined : `TURN ${yesNo(network.turn_connectivity)}`,
        ).replace(/,$/, ""),
      ],
      [
        "sending through",
        pair
          ? `${pair.local_candidate_type ?? "?"}/${pair.local_candidate_protocol ?? "?"} to ${pair.remote_candidate_type ?? "?"}/${pair.remote_candidate_protocol ?? "?"}`
          : "-",
      ],
    ];
  },
  events({ metadata }) {
    const events = metadata?.events ?? [];
    if (events.length === 0) return [["events", "none"]];
    return events.map((event, index) => [
      index === 0 ? "events" : "",
      `${when(event.timestamp)}  ${event.name ?? "?"}`,
    ]);
  },
  quality_stats({ quality }) {
    const audio = quality?.audio_producer_cumulative;
    const video = quality?.video_producer_cumulative;
    return [
      ["audio quality (MOS)", audio?.quality_mos?.avg ?? "-"],
      ["audio round trip (ms)", audio?.rtt?.avg ?? "-"],
      ["audio packet loss (%)", audio?.packet_loss?.avg ?? "-"],
      ["video quality (MOS)", video?.quality_mos?.avg ?? "-"],
    ];
  },
};
