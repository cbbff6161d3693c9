package tsunami.bots.replay;

import java.util.Locale;

/** Writes one self-contained HTML page (inline data, canvas, no external files) that animates a replay. */
public final class ReplayHtml {
    private ReplayHtml() {
    }

    public static String render(ReplayTrack t) {
        StringBuilder data = new StringBuilder(64 * 1024);
        data.append("{\"w\":").append(t.mapWidth).append(",\"h\":").append(t.mapHeight).append(",\"step\":").append(t.step);
        data.append(",\"units\":[");
        for (int i = 0; i < t.units.size(); i++) {
            var u = t.units.get(i);
            if (i > 0) data.append(',');
            data.append(String.format(Locale.ROOT, "{\"t\":\"%s\",\"p\":%d,\"r\":%d,\"f\":%b,\"m\":%d}", u.type(), u.player(), u.radius(), u.flyer(), t.maxHealth[i]));
        }
        data.append("],\"frames\":[");
        for (int i = 0; i < t.sampleFrames.size(); i++) {
            if (i > 0) data.append(',');
            data.append(t.sampleFrames.get(i));
        }
        data.append("],\"s\":[");
        for (int i = 0; i < t.samples.size(); i++) {
            if (i > 0) data.append(',');
            data.append('[');
            int[] s = t.samples.get(i);
            for (int k = 0; k < s.length; k++) {
                if (k > 0) data.append(',');
                data.append(s[k]);
            }
            data.append(']');
        }
        data.append("]}");
        String title = esc(t.replay.scenarioSource() + ": " + t.replay.red() + " (red) vs " + t.replay.blue() + " (blue), seed " + t.replay.seed());
        return """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>%s</title>
                <style>body{font-family:sans-serif;background:#222;color:#ddd;margin:16px}canvas{background:#3a3a2e;border:1px solid #555;max-width:100%%}
                #bar{margin:8px 0}button{margin-right:8px}</style></head>
                <body><h3>%s</h3><div>%s after %d frames (%.1f game seconds)</div>
                <div id="bar"><button id="play">pause</button><input id="pos" type="range" min="0" value="0" style="width:60%%"> <span id="info"></span></div>
                <canvas id="c"></canvas>
                <script>
                const D=%s;
                const c=document.getElementById('c'),g=c.getContext('2d'),pos=document.getElementById('pos'),info=document.getElementById('info'),btn=document.getElementById('play');
                c.width=D.w;c.height=D.h;pos.max=D.s.length-1;let i=0,playing=true;
                const col=['#e04040','#4080ff'];
                function draw(){const s=D.s[i];g.clearRect(0,0,D.w,D.h);
                 for(let u=0;u<D.units.length;u++){const U=D.units[u],x=s[3*u],y=s[3*u+1],hp=s[3*u+2];
                  if(hp<=0){g.strokeStyle='#555';g.beginPath();g.moveTo(x-4,y-4);g.lineTo(x+4,y+4);g.moveTo(x+4,y-4);g.lineTo(x-4,y+4);g.stroke();continue;}
                  g.fillStyle=col[U.p];g.globalAlpha=U.f?0.6:1;g.beginPath();g.arc(x,y,U.r,0,7);g.fill();g.globalAlpha=1;
                  g.fillStyle='#000';g.fillRect(x-U.r,y-U.r-6,2*U.r,3);g.fillStyle='#4f4';g.fillRect(x-U.r,y-U.r-6,2*U.r*hp/U.m,3);}
                 info.textContent='frame '+D.frames[i]+' / '+D.frames[D.frames.length-1];pos.value=i;}
                function tick(){if(playing){i=Math.min(i+1,D.s.length-1);if(i==D.s.length-1)playing=false,btn.textContent='play';draw();}}
                btn.onclick=()=>{playing=!playing;if(playing&&i==D.s.length-1)i=0;btn.textContent=playing?'pause':'play';};
                pos.oninput=()=>{i=+pos.value;draw();};
                draw();setInterval(tick,1000/23.81*D.step);
                </script></body></html>
                """.formatted(title, title, esc(t.winnerText()), t.replay.frames(), t.replay.frames() / 23.81, data);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
