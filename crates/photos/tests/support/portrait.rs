//! Procedurally drawn head-and-shoulders "ID photos" for tests and the bench.
//!
//! Every portrait shares the layout real profile photos share (a head and shoulders
//! centred on a wall), which is the hard case for a perceptual hash: distinct photos
//! agree on the coarse layout and differ in everything else. Each is fully determined
//! by its seed.

#![allow(dead_code)]

use image::{Rgb, RgbImage};

/// SplitMix64: small, seeded, identical everywhere.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 24) as f32
    }
    /// Uniform in [lo, hi).
    pub fn range(&mut self, lo: f32, hi: f32) -> f32 {
        lo + (hi - lo) * self.unit()
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn chance(&mut self, p: f32) -> bool {
        self.unit() < p
    }
}

type Color = [f32; 3];

fn jitter(rng: &mut Rng, c: Color, amount: f32) -> Color {
    [
        (c[0] + rng.range(-amount, amount)).clamp(0.0, 255.0),
        (c[1] + rng.range(-amount, amount)).clamp(0.0, 255.0),
        (c[2] + rng.range(-amount, amount)).clamp(0.0, 255.0),
    ]
}

fn random_color(rng: &mut Rng) -> Color {
    [
        rng.range(0.0, 255.0),
        rng.range(0.0, 255.0),
        rng.range(0.0, 255.0),
    ]
}

const SKIN: [Color; 6] = [
    [241.0, 204.0, 177.0],
    [224.0, 172.0, 138.0],
    [198.0, 134.0, 98.0],
    [161.0, 102.0, 70.0],
    [112.0, 72.0, 50.0],
    [74.0, 48.0, 36.0],
];
const HAIR: [Color; 6] = [
    [20.0, 16.0, 14.0],
    [60.0, 40.0, 25.0],
    [110.0, 75.0, 40.0],
    [200.0, 160.0, 90.0],
    [150.0, 150.0, 150.0],
    [130.0, 50.0, 25.0],
];

/// An ellipse, possibly rotated, with a soft edge.
struct Ellipse {
    cx: f32,
    cy: f32,
    rx: f32,
    ry: f32,
    cos: f32,
    sin: f32,
    color: Color,
    /// Extra edge softness in pixels (blur-like).
    soft: f32,
}

impl Ellipse {
    fn new(cx: f32, cy: f32, rx: f32, ry: f32, angle: f32, color: Color) -> Self {
        Ellipse {
            cx,
            cy,
            rx: rx.max(0.5),
            ry: ry.max(0.5),
            cos: angle.cos(),
            sin: angle.sin(),
            color,
            soft: 1.0,
        }
    }
    fn soft(mut self, s: f32) -> Self {
        self.soft = s.max(1.0);
        self
    }
    /// Coverage of pixel centre (x, y) in [0, 1].
    fn coverage(&self, x: f32, y: f32) -> f32 {
        let dx = x - self.cx;
        let dy = y - self.cy;
        let u = dx * self.cos + dy * self.sin;
        let v = -dx * self.sin + dy * self.cos;
        let r = ((u / self.rx).powi(2) + (v / self.ry).powi(2)).sqrt();
        let dist = (r - 1.0) * self.rx.min(self.ry); // approx. signed distance in px
        (0.5 - dist / self.soft).clamp(0.0, 1.0)
    }
}

/// Axis-aligned rectangle with a soft edge.
struct Rect {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    color: Color,
}

impl Rect {
    fn coverage(&self, x: f32, y: f32) -> f32 {
        let cx = (x - self.x0 + 0.5).min(self.x1 - x + 0.5).clamp(0.0, 1.0);
        let cy = (y - self.y0 + 0.5).min(self.y1 - y + 0.5).clamp(0.0, 1.0);
        cx * cy
    }
}

enum Shape {
    E(Ellipse),
    R(Rect),
}

impl Shape {
    /// `(x0, y0, x1, y1)` outside which coverage is 0.
    fn bounds(&self) -> (f32, f32, f32, f32) {
        match self {
            Shape::E(e) => {
                let r = e.rx.max(e.ry) * 1.05 + e.soft + 1.0;
                (e.cx - r, e.cy - r, e.cx + r, e.cy + r)
            }
            Shape::R(r) => (r.x0 - 1.0, r.y0 - 1.0, r.x1 + 1.0, r.y1 + 1.0),
        }
    }
    fn coverage(&self, x: f32, y: f32) -> f32 {
        match self {
            Shape::E(e) => e.coverage(x, y),
            Shape::R(r) => r.coverage(x, y),
        }
    }
    fn color(&self) -> Color {
        match self {
            Shape::E(e) => e.color,
            Shape::R(r) => r.color,
        }
    }
}

/// Draws portrait number `seed` at `size`×`size` pixels.
pub fn portrait(seed: u64, size: u32) -> RgbImage {
    portrait_wh(seed, size, size)
}

/// Draws portrait number `seed` at `w`×`h` pixels (the drawing scales with the size, so
/// one seed gives the same picture at any size).
pub fn portrait_wh(seed: u64, w: u32, h: u32) -> RgbImage {
    let mut rng = Rng(seed.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5eed);
    let (wf, hf) = (w as f32, h as f32);
    let s = wf.min(hf);

    // Wall: a gradient between two colours at some angle, maybe with a feature.
    // Two in five have the plain pale wall of an ID photo (the hardest case: such
    // photos differ only in the person).
    let id_style = rng.chance(0.4);
    let bg_a = if id_style {
        let v = rng.range(195.0, 245.0);
        let tint = rng.range(0.0, 15.0);
        jitter(&mut rng, [v, v, v + tint], 8.0)
    } else {
        random_color(&mut rng)
    };
    let bg_b = jitter(&mut rng, bg_a, if id_style { 15.0 } else { 90.0 });
    let angle = rng.range(0.0, std::f32::consts::TAU);
    let (ga, gb) = (angle.cos(), angle.sin());
    let mut shapes: Vec<Shape> = Vec::new();
    match if id_style { 3 } else { rng.below(4) } {
        0 => {
            // Door or window frame.
            let x0 = rng.range(-0.2, 0.8) * wf;
            shapes.push(Shape::R(Rect {
                x0,
                y0: rng.range(-0.1, 0.4) * hf,
                x1: x0 + rng.range(0.15, 0.5) * wf,
                y1: hf * 1.1,
                color: jitter(&mut rng, bg_a, 70.0),
            }));
        }
        1 => {
            // Bokeh: soft blobs.
            for _ in 0..rng.below(6) + 2 {
                let r = rng.range(0.04, 0.18) * s;
                let e = Ellipse::new(
                    rng.range(0.0, 1.0) * wf,
                    rng.range(0.0, 0.8) * hf,
                    r,
                    r,
                    0.0,
                    random_color(&mut rng),
                )
                .soft(r * 0.6);
                shapes.push(Shape::E(e));
            }
        }
        2 => {
            // A horizontal shelf / wainscot line.
            let y0 = rng.range(0.2, 0.7) * hf;
            shapes.push(Shape::R(Rect {
                x0: -1.0,
                y0,
                x1: wf + 1.0,
                y1: y0 + rng.range(0.02, 0.3) * hf,
                color: jitter(&mut rng, bg_b, 80.0),
            }));
        }
        _ => {} // plain wall
    }

    // The person.
    let cx = wf * rng.range(0.4, 0.6);
    let head_cy = hf * rng.range(0.32, 0.46);
    let rx = s * rng.range(0.13, 0.24);
    let ry = rx * rng.range(1.15, 1.45);
    let tilt = rng.range(-0.15, 0.15);
    let skin = SKIN[rng.below(SKIN.len())];
    let skin = jitter(&mut rng, skin, 12.0);
    let hair = HAIR[rng.below(HAIR.len())];
    let hair = jitter(&mut rng, hair, 15.0);
    let shirt = random_color(&mut rng);
    let hair_style = rng.below(4);
    if hair_style == 0 {
        // Long hair behind the head and on the shoulders.
        shapes.push(Shape::E(Ellipse::new(
            cx,
            head_cy + ry * rng.range(0.3, 0.7),
            rx * rng.range(1.25, 1.6),
            ry * rng.range(1.3, 1.7),
            tilt,
            hair,
        )));
    }
    // Shoulders and neck.
    shapes.push(Shape::E(Ellipse::new(
        cx + rng.range(-0.05, 0.05) * wf,
        hf * rng.range(1.0, 1.12),
        s * rng.range(0.34, 0.5),
        hf * rng.range(0.3, 0.42),
        rng.range(-0.08, 0.08),
        shirt,
    )));
    let neck_w = rx * rng.range(0.45, 0.65);
    shapes.push(Shape::R(Rect {
        x0: cx - neck_w,
        y0: head_cy + ry * 0.6,
        x1: cx + neck_w,
        y1: hf * rng.range(0.74, 0.82),
        color: [skin[0] * 0.85, skin[1] * 0.85, skin[2] * 0.85],
    }));
    if rng.chance(0.5) {
        // Collar.
        let collar = jitter(&mut rng, [235.0, 235.0, 235.0], 30.0);
        shapes.push(Shape::E(Ellipse::new(
            cx,
            hf * 0.8,
            neck_w * 1.6,
            hf * 0.05,
            0.0,
            collar,
        )));
    }
    // Ears, head.
    for side in [-1.0f32, 1.0] {
        shapes.push(Shape::E(Ellipse::new(
            cx + side * rx * 0.97,
            head_cy,
            rx * 0.18,
            ry * 0.22,
            0.0,
            [skin[0] * 0.92, skin[1] * 0.92, skin[2] * 0.92],
        )));
    }
    shapes.push(Shape::E(
        Ellipse::new(cx, head_cy, rx, ry, tilt, skin).soft(2.0),
    ));
    if hair_style != 3 {
        // Hair on top: a cap ellipse above the forehead.
        shapes.push(Shape::E(Ellipse::new(
            cx + rng.range(-0.1, 0.1) * rx,
            head_cy - ry * rng.range(0.45, 0.7),
            rx * rng.range(1.0, 1.15),
            ry * rng.range(0.45, 0.65),
            tilt + rng.range(-0.2, 0.2),
            hair,
        )));
    }
    // Face: eyebrows, eyes, nose shadow, mouth, maybe glasses.
    let eye_y = head_cy - ry * rng.range(0.0, 0.15);
    let eye_dx = rx * rng.range(0.33, 0.45);
    let eye_r = rx * rng.range(0.09, 0.14);
    let iris = jitter(&mut rng, [60.0, 45.0, 30.0], 40.0);
    for side in [-1.0f32, 1.0] {
        let ex = cx + side * eye_dx;
        shapes.push(Shape::E(Ellipse::new(
            ex,
            eye_y - eye_r * 2.2,
            eye_r * 1.6,
            eye_r * 0.35,
            side * rng.range(-0.2, 0.2),
            hair,
        )));
        shapes.push(Shape::E(Ellipse::new(
            ex,
            eye_y,
            eye_r * 1.4,
            eye_r * 0.8,
            0.0,
            [240.0, 240.0, 235.0],
        )));
        shapes.push(Shape::E(Ellipse::new(
            ex,
            eye_y,
            eye_r * 0.7,
            eye_r * 0.7,
            0.0,
            iris,
        )));
    }
    shapes.push(Shape::E(
        Ellipse::new(
            cx,
            head_cy + ry * 0.2,
            rx * 0.12,
            ry * 0.2,
            0.0,
            [skin[0] * 0.8, skin[1] * 0.8, skin[2] * 0.8],
        )
        .soft(rx * 0.1),
    ));
    shapes.push(Shape::E(Ellipse::new(
        cx,
        head_cy + ry * rng.range(0.48, 0.6),
        rx * rng.range(0.25, 0.42),
        ry * rng.range(0.05, 0.1),
        0.0,
        jitter(&mut rng, [170.0, 70.0, 70.0], 30.0),
    )));
    let glasses = rng.chance(0.3);
    let frame = jitter(&mut rng, [30.0, 30.0, 30.0], 20.0);

    // Light from one side, film grain and sensor noise.
    let light = rng.range(-0.35, 0.35);
    let grain = rng.range(2.0, 9.0);
    let mut noise = Rng(rng.next());
    let bounds: Vec<(f32, f32, f32, f32)> = shapes.iter().map(Shape::bounds).collect();

    RgbImage::from_fn(w, h, |px, py| {
        let (x, y) = (px as f32 + 0.5, py as f32 + 0.5);
        let t = ((x / wf - 0.5) * ga + (y / hf - 0.5) * gb + 0.7) / 1.4;
        let t = t.clamp(0.0, 1.0);
        let mut c = [
            bg_a[0] + (bg_b[0] - bg_a[0]) * t,
            bg_a[1] + (bg_b[1] - bg_a[1]) * t,
            bg_a[2] + (bg_b[2] - bg_a[2]) * t,
        ];
        for (shape, &(x0, y0, x1, y1)) in shapes.iter().zip(&bounds) {
            if x < x0 || x > x1 || y < y0 || y > y1 {
                continue;
            }
            let a = shape.coverage(x, y);
            if a > 0.0 {
                let sc = shape.color();
                for k in 0..3 {
                    c[k] += (sc[k] - c[k]) * a;
                }
            }
        }
        if glasses {
            for side in [-1.0f32, 1.0] {
                let d = ((x - (cx + side * eye_dx)).powi(2) + (y - eye_y).powi(2)).sqrt();
                let ring = (1.0 - (d - eye_r * 2.0).abs() / (s * 0.006 + 0.5)).clamp(0.0, 1.0);
                for k in 0..3 {
                    c[k] += (frame[k] - c[k]) * ring;
                }
            }
        }
        let shade = 1.0 + light * (x / wf - 0.5) * 2.0;
        let n = (noise.unit() - 0.5) * 2.0 * grain;
        Rgb([
            (c[0] * shade + n).clamp(0.0, 255.0) as u8,
            (c[1] * shade + n).clamp(0.0, 255.0) as u8,
            (c[2] * shade + n).clamp(0.0, 255.0) as u8,
        ])
    })
}
