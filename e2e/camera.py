"""A fake camera for the browser journeys: Chromium plays a Y4M file as the webcam
(`--use-file-for-fake-video-capture`), so a page's camera scan reads a real picture, here the screenshot of
an office's QR screen taken in another browser."""

from __future__ import annotations

import io
from pathlib import Path

from e2e.conftest import CHROMIUM, CHROMIUM_ARGS

WIDTH, HEIGHT = 640, 480


def y4m_from_png(png: bytes, path: Path, frames: int = 10) -> Path:
    """Write `png`, centred on white and scaled to fit 640×480, as a still Y4M video (4:2:0, full range)."""
    from PIL import Image

    picture = Image.open(io.BytesIO(png)).convert("RGB")
    picture.thumbnail((WIDTH - 40, HEIGHT - 40))
    frame = Image.new("RGB", (WIDTH, HEIGHT), "white")
    frame.paste(picture, ((WIDTH - picture.width) // 2, (HEIGHT - picture.height) // 2))
    y, cb, cr = frame.convert("YCbCr").split()
    half = (WIDTH // 2, HEIGHT // 2)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    header = f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F10:1 Ip A1:1 C420jpeg\n".encode()
    path.write_bytes(header + b"".join(b"FRAME\n" + planes for _ in range(frames)))
    return path


def browser_with_camera(browser, video: Path):
    """A second Chromium whose camera shows `video` and which grants camera access without asking."""
    return browser.browser_type.launch(
        executable_path=CHROMIUM,
        headless=True,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
