// Preset places in 深圳 for the location picker (approximate coordinates, labelled as WeChat does).
export const PLACES = [
  { name: '南头古城', label: '广东省深圳市南山区中山南街 南头古城', lat: 22.5446, lng: 113.9227 },
  { name: '同乐村', label: '广东省深圳市南山区南头街道 同乐村', lat: 22.5569, lng: 113.9143 },
  { name: '星海名城', label: '广东省深圳市南山区南头街道 星海名城', lat: 22.5389, lng: 113.9167 },
  { name: '龙珠花园', label: '广东省深圳市南山区桃源街道 龙珠花园', lat: 22.5696, lng: 113.9584 },
  { name: '葵涌老街', label: '广东省深圳市大鹏新区葵涌街道 葵涌老街', lat: 22.6339, lng: 114.4263 },
  { name: '市民中心', label: '广东省深圳市福田区福中三路 市民中心', lat: 22.5431, lng: 114.0579 },
];
