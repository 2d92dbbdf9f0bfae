import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import './format.js'; // dayjs: zh-CN, relative times, Beijing time
import { Root } from './Root.js';
import './style.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f5fbf', borderRadius: 6 } }}>
      <AntApp>
        <Root />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
