import { createHash } from 'node:crypto';

/**
 * The one stylesheet, inlined in every page (no extra request on a weak phone) and allowed by its
 * hash in the Content-Security-Policy. Large type (20px root, nothing under 18px), dark text on
 * light backgrounds, no web fonts: the phone's own Chinese font.
 */
export const STYLE = `
*{box-sizing:border-box}
html{font-size:20px;-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#f3efe6;color:#1a1a1a;line-height:1.7;font-family:system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif}
a{color:#0a4a9e}
.top{background:#9e1b1b;color:#fff;padding:.5rem 1rem}
.top a{color:#fff;text-decoration:none;font-weight:700}
main{max-width:40rem;margin:0 auto;padding:.8rem .8rem 1.5rem}
h1{font-size:1.45rem;line-height:1.45;margin:.2rem 0 .5rem}
h2{font-size:1.2rem;line-height:1.4;margin:0 0 .6rem;padding-left:.5rem;border-left:.3rem solid #9e1b1b}
h3{font-size:1.05rem;margin:.8rem 0 .3rem}
p{margin:.3rem 0}
.card{background:#fff;border:1px solid #d8d2c4;border-radius:.5rem;padding:.9rem 1rem;margin:0 0 .9rem}
.meta{color:#444;margin:0}
.tag{display:inline-block;border:2px solid #9e1b1b;color:#9e1b1b;border-radius:.3rem;padding:0 .35rem;margin-right:.3rem;font-size:.9rem;font-weight:700;line-height:1.5}
.state{font-size:1.35rem;font-weight:700;color:#9e1b1b;margin:0 0 .5rem}
.steps{list-style:none;margin:0;padding:0}
.steps li{position:relative;padding:.25rem 0 .25rem 2.4rem;color:#5a5a5a}
.steps li::before{content:"";position:absolute;left:.2rem;top:.5rem;width:1.3rem;height:1.3rem;border-radius:50%;border:.18rem solid #9a9a9a;background:#fff}
.steps li+li::after{content:"";position:absolute;left:.79rem;top:-.55rem;height:1.05rem;border-left:.18rem solid #9a9a9a}
.steps li.done{color:#1a1a1a}
.steps li.done::before{content:"✓";display:flex;align-items:center;justify-content:center;line-height:1;background:#1d6b2c;border-color:#1d6b2c;color:#fff;font-size:.8rem;font-weight:700}
.steps li.done+li::after{border-color:#1d6b2c}
.steps li.now{color:#9e1b1b;font-weight:700}
.steps li.now::before{background:#9e1b1b;border-color:#9e1b1b}
.steps b{font-size:.9rem;background:#9e1b1b;color:#fff;border-radius:.3rem;padding:0 .3rem;margin-left:.4rem}
.notice{background:#fff5d9;border-left:.35rem solid #b36b00;padding:.6rem .8rem;margin:.6rem 0 0;border-radius:.3rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:0}
.facts dt{color:#4a4a4a}
.facts dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.text{white-space:pre-line;overflow-wrap:anywhere;margin:0}
progress{width:100%;height:1.3rem;margin:.3rem 0;accent-color:#1d6b2c}
.line{list-style:none;margin:0;padding:0}
.line li{border-left:.2rem solid #c9c1b0;padding:0 0 .7rem .9rem;position:relative}
.line li::before{content:"";position:absolute;left:-.55rem;top:.45rem;width:.9rem;height:.9rem;border-radius:50%;background:#9e1b1b}
.line time{display:block;color:#4a4a4a;font-size:.9rem}
.line .what{font-weight:700}
.photos{display:grid;grid-template-columns:1fr 1fr;gap:.5rem}
.photos img{display:block;width:100%;height:auto;min-height:4rem;border-radius:.4rem;background:#e5e0d5}
.figs{display:grid;grid-template-columns:1fr 1fr;gap:.5rem}
.fig{background:#f6f1e5;border-radius:.4rem;padding:.5rem .6rem}
.fig>span{display:block;color:#4a4a4a}
.fig strong{display:block;font-size:1.5rem;line-height:1.3}
.plain{list-style:none;margin:0 0 .4rem;padding:0}
.plain li{padding:.15rem 0;overflow-wrap:anywhere}
.fig em{display:block;font-style:normal;font-weight:600}
.list{list-style:none;margin:0;padding:0}
.list li{border-top:1px solid #e2dccf;padding:.55rem 0}
.list li:first-child{border-top:0}
.list a{font-weight:700}
.empty{color:#4a4a4a}
.button,button{display:inline-block;background:#9e1b1b;color:#fff;border:0;border-radius:.4rem;padding:.45rem 1.1rem;font-size:1rem;font-weight:700;text-decoration:none;min-height:2.6rem;cursor:pointer}
.list a.button{color:#fff}
form label{display:block;margin:.7rem 0 .2rem;font-weight:600}
form input[type=text],form input[type=tel],form textarea{display:block;width:100%;font-size:1rem;padding:.45rem .5rem;border:2px solid #8a8478;border-radius:.35rem;background:#fff;color:#1a1a1a;font-family:inherit}
form fieldset{border:0;margin:.7rem 0 0;padding:0}
form legend{font-weight:600;padding:0}
form .choice{display:flex;align-items:center;gap:.5rem;margin:.25rem 0;font-weight:400}
form .choice input{width:1.3rem;height:1.3rem}
form button{margin-top:1rem;width:100%}
.error{background:#fde8e8;border-left:.35rem solid #9e1b1b;padding:.6rem .8rem;border-radius:.3rem;margin:.4rem 0}
.nw{white-space:nowrap}
.how{background:#eaf3ea;border-left:.35rem solid #1d6b2c;padding:.6rem .8rem;border-radius:.3rem;margin:0 0 .9rem}
.how h2{border:0;padding:0}
footer{max-width:40rem;margin:0 auto;padding:0 1rem 2rem;color:#4a4a4a;font-size:.9rem}
`.trim();

/** the CSP source that allows exactly this <style> element */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE, 'utf8').digest('base64')}'`;
