import { useEffect, useRef, useState } from 'react';
import { Typography } from 'antd';
import type { Map as LeafletMap } from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { MapSettings } from '../../../../contract.js';
import { wgs84ToGcj02, type LatLng } from '../../../../../geo/gcj02.js';

/** Leaflet writes the attribution as HTML; the operator's text stays text */
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The case's pin on the tiles an operator configured (CONSOLE_MAP_*). CaseDrawer mounts it only
 * when the session carries map settings, so without them the console asks nothing of any server
 * but its own. Leaflet's code is loaded on first use. The pin is a CircleMarker (SVG): no marker
 * images to resolve through the bundler. Cases hold WGS-84 (the runtime converts WeChat's GCJ-02
 * as a message arrives), as 天地图 and OpenStreetMap tiles are drawn; GCJ-02 tiles (高德, 腾讯) get
 * the point moved by the GCJ-02 offset.
 */
export function CaseMap({ at, label, map }: { at: LatLng; label: string | null; map: MapSettings }) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  const { tiles, coords, attribution } = map;
  const subdomains = map.subdomains.join(',');
  const { lat, lng } = at;

  useEffect(() => {
    let gone = false;
    let view: LeafletMap | undefined;
    import('leaflet')
      .then((mod) => {
        // the UMD build arrives as a default export or as the namespace, depending on the bundler
        const L = (mod as unknown as { default?: typeof mod }).default ?? mod;
        if (gone || !box.current) return;
        const p = coords === 'gcj02' ? wgs84ToGcj02({ lat, lng }) : { lat, lng };
        view = L.map(box.current, { scrollWheelZoom: false }).setView([p.lat, p.lng], 17);
        view.attributionControl.setPrefix(false);
        L.tileLayer(tiles, {
          subdomains: subdomains.split(','),
          maxZoom: 18,
          attribution: attribution ? escapeHtml(attribution) : '',
          // the page sends no Referer (index.html); 天地图 keys and OpenStreetMap want one: the origin, never the case's path
          referrerPolicy: 'strict-origin',
        }).addTo(view);
        L.circleMarker([p.lat, p.lng], {
          radius: 9,
          weight: 3,
          color: '#fff',
          fillColor: '#cf1322',
          fillOpacity: 1,
          className: 'case-map-pin',
        }).addTo(view);
      })
      .catch(() => {
        if (!gone) setFailed(true);
      });
    return () => {
      gone = true;
      view?.remove();
    };
  }, [lat, lng, tiles, subdomains, coords, attribution]);

  if (failed) return <Typography.Text type="secondary">地图无法加载</Typography.Text>;
  return (
    <div
      ref={box}
      data-testid="case-map"
      aria-label={label ? `${label}在地图上的位置` : '地图上的位置'}
      style={{ height: 260, width: '100%', borderRadius: 6, overflow: 'hidden' }}
    />
  );
}
