//! Personal names from many cultures.
//!
//! Name origin is deliberately independent of ground truth: benign staff come from
//! every pool below (including Korean and Chinese names), and the simulated bad
//! actors mostly use borrowed Western-sounding identities, as in the public cases.

use rand::Rng;

use crate::util::{pick, pick_str};

/// Where a person's name comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Culture {
    /// English-speaking countries.
    Anglo,
    /// Spanish-speaking countries.
    Hispanic,
    /// Brazil and Portugal.
    Lusophone,
    /// India.
    Indian,
    /// Chinese (mainland, diaspora).
    Chinese,
    /// Korean (South Korea, diaspora).
    Korean,
    /// Vietnamese.
    Vietnamese,
    /// Filipino.
    Filipino,
    /// Polish.
    Polish,
    /// Ukrainian.
    Ukrainian,
    /// Romanian.
    Romanian,
    /// German and Dutch.
    Germanic,
    /// Nigerian (Yoruba, Igbo, Hausa).
    Nigerian,
    /// Pakistani and Arabic.
    Arabic,
    /// Japanese.
    Japanese,
    /// Kenyan.
    Kenyan,
}

const ANGLO_M: &[&str] = &[
    "James",
    "John",
    "Robert",
    "Michael",
    "William",
    "David",
    "Richard",
    "Joseph",
    "Thomas",
    "Christopher",
    "Daniel",
    "Matthew",
    "Anthony",
    "Mark",
    "Andrew",
    "Joshua",
    "Kevin",
    "Brian",
    "Ryan",
    "Jacob",
    "Nicholas",
    "Tyler",
    "Brandon",
    "Justin",
    "Eric",
    "Jonathan",
    "Aaron",
    "Kyle",
    "Ethan",
    "Noah",
    "Logan",
    "Dylan",
    "Cody",
    "Travis",
    "Derek",
    "Scott",
    "Gregory",
    "Patrick",
    "Sean",
    "Oliver",
    "Harry",
    "George",
    "Liam",
    "Connor",
    "Caleb",
    "Marcus",
];
const ANGLO_F: &[&str] = &[
    "Mary",
    "Patricia",
    "Jennifer",
    "Linda",
    "Elizabeth",
    "Susan",
    "Jessica",
    "Sarah",
    "Karen",
    "Emily",
    "Ashley",
    "Amanda",
    "Melissa",
    "Stephanie",
    "Rebecca",
    "Laura",
    "Rachel",
    "Megan",
    "Hannah",
    "Lauren",
    "Samantha",
    "Katherine",
    "Olivia",
    "Emma",
    "Abigail",
    "Madison",
    "Chloe",
    "Grace",
    "Natalie",
    "Brittany",
    "Heather",
    "Amy",
    "Kelly",
    "Christina",
    "Erin",
    "Sophie",
    "Charlotte",
    "Amelia",
    "Holly",
    "Danielle",
];
const ANGLO_L: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Miller",
    "Davis",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Roberts",
    "Turner",
    "Phillips",
    "Campbell",
    "Parker",
    "Evans",
    "Edwards",
    "Collins",
    "Stewart",
    "Morris",
    "Murphy",
    "Cook",
    "Rogers",
    "Morgan",
    "Cooper",
    "Peterson",
    "Reed",
    "Bailey",
    "Bell",
    "Kelly",
    "Howard",
    "Ward",
    "Cox",
    "Richardson",
    "Wood",
    "Watson",
    "Brooks",
    "Bennett",
    "Gray",
    "Hughes",
    "Price",
    "Sanders",
    "Myers",
    "Long",
    "Ross",
    "Foster",
    "Powell",
    "Jenkins",
    "Perry",
    "Russell",
    "Sullivan",
    "Fisher",
    "Hayes",
    "McCarthy",
    "O'Brien",
    "Gallagher",
    "Walsh",
    "Fitzgerald",
    "Henderson",
    "Coleman",
    "Patterson",
    "Jordan",
    "Reynolds",
    "Hamilton",
    "Graham",
    "Wallace",
    "Cole",
];
const HISP_M: &[&str] = &[
    "José",
    "Luis",
    "Carlos",
    "Juan",
    "Jorge",
    "Miguel",
    "Alejandro",
    "Diego",
    "Javier",
    "Fernando",
    "Ricardo",
    "Andrés",
    "Santiago",
    "Mateo",
    "Sebastián",
    "Eduardo",
    "Raúl",
    "Manuel",
    "Francisco",
    "Pablo",
    "Héctor",
    "Gabriel",
];
const HISP_F: &[&str] = &[
    "María",
    "Ana",
    "Sofía",
    "Valentina",
    "Camila",
    "Lucía",
    "Isabella",
    "Gabriela",
    "Daniela",
    "Paula",
    "Carmen",
    "Elena",
    "Mariana",
    "Laura",
    "Fernanda",
    "Natalia",
    "Alejandra",
    "Ximena",
];
const HISP_L: &[&str] = &[
    "García",
    "Rodríguez",
    "Martínez",
    "Hernández",
    "López",
    "González",
    "Pérez",
    "Sánchez",
    "Ramírez",
    "Torres",
    "Flores",
    "Rivera",
    "Gómez",
    "Díaz",
    "Cruz",
    "Morales",
    "Reyes",
    "Gutiérrez",
    "Ortiz",
    "Ruiz",
    "Jiménez",
    "Mendoza",
    "Castillo",
    "Vargas",
    "Romero",
    "Herrera",
    "Medina",
    "Aguilar",
    "Castro",
    "Ortega",
    "Navarro",
    "Salazar",
    "Rojas",
];
const LUSO_M: &[&str] = &[
    "João",
    "Pedro",
    "Lucas",
    "Gabriel",
    "Rafael",
    "Thiago",
    "Bruno",
    "Felipe",
    "Gustavo",
    "Rodrigo",
    "Tiago",
    "Vinícius",
    "André",
];
const LUSO_F: &[&str] = &[
    "Ana",
    "Beatriz",
    "Juliana",
    "Larissa",
    "Mariana",
    "Camila",
    "Fernanda",
    "Letícia",
    "Inês",
    "Carolina",
    "Bruna",
    "Patrícia",
];
const LUSO_L: &[&str] = &[
    "Silva",
    "Santos",
    "Oliveira",
    "Souza",
    "Rodrigues",
    "Ferreira",
    "Alves",
    "Pereira",
    "Lima",
    "Gomes",
    "Costa",
    "Ribeiro",
    "Martins",
    "Carvalho",
    "Almeida",
    "Lopes",
    "Sousa",
    "Fernandes",
    "Barbosa",
    "Rocha",
];
const IND_M: &[&str] = &[
    "Rahul",
    "Amit",
    "Vikram",
    "Arjun",
    "Rohan",
    "Sanjay",
    "Anil",
    "Suresh",
    "Karthik",
    "Aditya",
    "Nikhil",
    "Pranav",
    "Siddharth",
    "Varun",
    "Rajesh",
    "Abhishek",
    "Manish",
    "Venkatesh",
    "Harish",
    "Deepak",
];
const IND_F: &[&str] = &[
    "Priya",
    "Ananya",
    "Divya",
    "Pooja",
    "Neha",
    "Kavya",
    "Shreya",
    "Aishwarya",
    "Lakshmi",
    "Deepa",
    "Meera",
    "Sneha",
    "Swati",
    "Nandini",
    "Ritu",
    "Anjali",
];
const IND_L: &[&str] = &[
    "Sharma",
    "Patel",
    "Reddy",
    "Iyer",
    "Nair",
    "Gupta",
    "Kumar",
    "Singh",
    "Rao",
    "Menon",
    "Krishnan",
    "Joshi",
    "Mehta",
    "Desai",
    "Chatterjee",
    "Banerjee",
    "Agarwal",
    "Verma",
    "Pillai",
    "Subramanian",
    "Bhat",
    "Kulkarni",
    "Naidu",
    "Shah",
];
const CN_GIVEN: &[&str] = &[
    "Wei", "Jing", "Li", "Min", "Hao", "Xin", "Yan", "Jun", "Lei", "Fang", "Yu", "Tao", "Hui",
    "Xiaoming", "Jiayi", "Zihan", "Yutong", "Haoran", "Zhiwei", "Mengyao", "Shuang", "Kai",
];
const CN_L: &[&str] = &[
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma",
    "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang",
];
const KR_GIVEN: &[&str] = &[
    "Min-jun",
    "Seo-yeon",
    "Ji-hoon",
    "Hyun-woo",
    "Soo-jin",
    "Eun-ji",
    "Jae-won",
    "Da-eun",
    "Sung-min",
    "Ji-woo",
    "Ha-eun",
    "Yoon-seo",
    "Dong-hyun",
    "Jun-ho",
    "Hye-jin",
    "Young-ho",
    "Seung-hoon",
    "Min-seo",
    "Tae-yang",
    "Ji-ah",
];
const KR_L: &[&str] = &[
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo",
    "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong", "Baek", "Moon",
];
const VN_GIVEN: &[&str] = &[
    "Minh", "Thanh", "Linh", "Huong", "Duc", "Anh", "Tuan", "Trang", "Phuong", "Quang", "Thu",
    "Hieu", "Long", "Mai", "Khanh", "Bao",
];
const VN_L: &[&str] = &[
    "Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ngo", "Duong",
];
const PH_M: &[&str] = &[
    "Mark",
    "John Paul",
    "Christian",
    "Joshua",
    "Rommel",
    "Jerome",
    "Carlo",
    "Paolo",
    "Miguel",
    "Angelo",
    "Jericho",
];
const PH_F: &[&str] = &[
    "Maria Clara",
    "Kristine",
    "Jasmine",
    "Angelica",
    "Princess",
    "Joy",
    "Camille",
    "Bea",
    "Patricia",
    "Rowena",
];
const PH_L: &[&str] = &[
    "Santos",
    "Reyes",
    "Cruz",
    "Bautista",
    "Ocampo",
    "Garcia",
    "Mendoza",
    "Dela Cruz",
    "Villanueva",
    "Ramos",
    "Aquino",
    "Castillo",
    "Soriano",
    "Manalo",
    "Pascual",
];
const PL_M: &[&str] = &[
    "Jakub",
    "Kacper",
    "Mateusz",
    "Piotr",
    "Krzysztof",
    "Tomasz",
    "Paweł",
    "Michał",
    "Łukasz",
    "Marcin",
    "Bartosz",
    "Wojciech",
];
const PL_F: &[&str] = &[
    "Anna",
    "Katarzyna",
    "Magdalena",
    "Agnieszka",
    "Joanna",
    "Aleksandra",
    "Zofia",
    "Natalia",
    "Monika",
    "Karolina",
];
const PL_L: &[&str] = &[
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Wójcik",
    "Kowalczyk",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "Woźniak",
    "Dąbrowski",
    "Kozłowski",
    "Mazur",
    "Krawczyk",
];
const UA_M: &[&str] = &[
    "Oleksandr",
    "Andrii",
    "Dmytro",
    "Serhii",
    "Volodymyr",
    "Mykola",
    "Bohdan",
    "Taras",
    "Yurii",
    "Maksym",
    "Vitalii",
    "Ihor",
];
const UA_F: &[&str] = &[
    "Olena",
    "Iryna",
    "Natalia",
    "Oksana",
    "Yulia",
    "Tetiana",
    "Kateryna",
    "Anastasiia",
    "Viktoriia",
    "Sofiia",
];
const UA_L: &[&str] = &[
    "Shevchenko",
    "Bondarenko",
    "Kovalenko",
    "Tkachenko",
    "Kravchenko",
    "Melnyk",
    "Boyko",
    "Moroz",
    "Lysenko",
    "Petrenko",
    "Savchenko",
    "Rudenko",
    "Marchenko",
    "Hnatiuk",
];
const RO_M: &[&str] = &[
    "Andrei",
    "Alexandru",
    "Mihai",
    "Ionuț",
    "Bogdan",
    "Cristian",
    "Florin",
    "Vlad",
    "Radu",
];
const RO_F: &[&str] = &[
    "Ioana",
    "Elena",
    "Andreea",
    "Maria",
    "Alexandra",
    "Cristina",
    "Irina",
    "Roxana",
    "Bianca",
];
const RO_L: &[&str] = &[
    "Popescu",
    "Ionescu",
    "Popa",
    "Dumitru",
    "Stan",
    "Stoica",
    "Gheorghe",
    "Rusu",
    "Munteanu",
    "Constantin",
    "Marin",
    "Tudor",
];
const DE_M: &[&str] = &[
    "Lukas",
    "Jonas",
    "Leon",
    "Felix",
    "Maximilian",
    "Tobias",
    "Jan",
    "Sebastian",
    "Niklas",
    "Daan",
    "Sem",
    "Thijs",
    "Stefan",
    "Florian",
];
const DE_F: &[&str] = &[
    "Anna",
    "Lea",
    "Laura",
    "Julia",
    "Sophie",
    "Hannah",
    "Lisa",
    "Katharina",
    "Sanne",
    "Fenna",
    "Lotte",
    "Miriam",
];
const DE_L: &[&str] = &[
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Richter",
    "de Vries",
    "Jansen",
    "van Dijk",
    "Bakker",
    "Visser",
    "Smit",
];
const NG_M: &[&str] = &[
    "Chinedu",
    "Oluwaseun",
    "Emeka",
    "Ibrahim",
    "Tunde",
    "Chukwuemeka",
    "Babajide",
    "Obinna",
    "Segun",
    "Kelechi",
    "Abdullahi",
];
const NG_F: &[&str] = &[
    "Ngozi",
    "Funmilayo",
    "Adaeze",
    "Chiamaka",
    "Aisha",
    "Yetunde",
    "Folake",
    "Amaka",
    "Zainab",
    "Temitope",
];
const NG_L: &[&str] = &[
    "Okafor", "Adeyemi", "Eze", "Nwosu", "Balogun", "Musa", "Okonkwo", "Adebayo", "Ogunleye",
    "Abubakar", "Obi", "Chukwu", "Bello",
];
const AR_M: &[&str] = &[
    "Muhammad", "Ahmed", "Ali", "Bilal", "Usman", "Hamza", "Omar", "Hassan", "Faisal", "Imran",
    "Tariq", "Zain",
];
const AR_F: &[&str] = &[
    "Fatima", "Ayesha", "Maryam", "Sana", "Hira", "Zara", "Noor", "Amna", "Khadija", "Mehwish",
];
const AR_L: &[&str] = &[
    "Khan", "Hussain", "Siddiqui", "Qureshi", "Malik", "Ahmed", "Raza", "Sheikh", "Chaudhry",
    "Butt", "Haddad", "Mansour", "Farouk",
];
const JP_GIVEN: &[&str] = &[
    "Haruto", "Sota", "Ren", "Yuto", "Hina", "Yui", "Aoi", "Sakura", "Kenji", "Takumi", "Yuki",
    "Naoko", "Daichi", "Emi",
];
const JP_L: &[&str] = &[
    "Sato",
    "Suzuki",
    "Takahashi",
    "Tanaka",
    "Watanabe",
    "Ito",
    "Yamamoto",
    "Nakamura",
    "Kobayashi",
    "Kato",
    "Yoshida",
    "Yamada",
];
const KE_M: &[&str] = &[
    "Brian", "Kevin", "Dennis", "Collins", "Victor", "Wanjiru", "Otieno",
];
const KE_F: &[&str] = &[
    "Faith", "Mercy", "Wanjiku", "Akinyi", "Grace", "Njeri", "Achieng",
];
const KE_L: &[&str] = &[
    "Kamau", "Odhiambo", "Mwangi", "Otieno", "Kiprop", "Wanjala", "Njoroge", "Chebet", "Mutua",
];

/// A generated name.
#[derive(Clone, Debug)]
pub struct Name {
    /// Given name as used in e-mail handles.
    pub first: String,
    /// Family name.
    pub last: String,
    /// The full name as the person gives it.
    pub full: String,
}

fn ascii_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' | 'ą' => "a",
        'é' | 'è' | 'ë' | 'ê' | 'ę' => "e",
        'í' | 'ì' | 'ï' | 'î' => "i",
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' => "o",
        'ú' | 'ù' | 'ü' | 'û' => "u",
        'ñ' | 'ń' => "n",
        'ç' | 'ć' => "c",
        'ł' => "l",
        'ś' | 'ș' => "s",
        'ț' => "t",
        'ż' | 'ź' => "z",
        'ß' => "ss",
        _ => return None,
    })
}

/// Lower-case ASCII handle material from a name part ("Dela Cruz" → "delacruz").
pub fn handle_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let lc = c.to_lowercase().next().unwrap_or(c);
        if lc.is_ascii_alphanumeric() {
            out.push(lc);
        } else if let Some(f) = ascii_fold(lc) {
            out.push_str(f);
        }
    }
    out
}

fn pools(c: Culture, female: bool) -> (&'static [&'static str], &'static [&'static str]) {
    use Culture::*;
    match (c, female) {
        (Anglo, false) => (ANGLO_M, ANGLO_L),
        (Anglo, true) => (ANGLO_F, ANGLO_L),
        (Hispanic, false) => (HISP_M, HISP_L),
        (Hispanic, true) => (HISP_F, HISP_L),
        (Lusophone, false) => (LUSO_M, LUSO_L),
        (Lusophone, true) => (LUSO_F, LUSO_L),
        (Indian, false) => (IND_M, IND_L),
        (Indian, true) => (IND_F, IND_L),
        (Chinese, _) => (CN_GIVEN, CN_L),
        (Korean, _) => (KR_GIVEN, KR_L),
        (Vietnamese, _) => (VN_GIVEN, VN_L),
        (Filipino, false) => (PH_M, PH_L),
        (Filipino, true) => (PH_F, PH_L),
        (Polish, false) => (PL_M, PL_L),
        (Polish, true) => (PL_F, PL_L),
        (Ukrainian, false) => (UA_M, UA_L),
        (Ukrainian, true) => (UA_F, UA_L),
        (Romanian, false) => (RO_M, RO_L),
        (Romanian, true) => (RO_F, RO_L),
        (Germanic, false) => (DE_M, DE_L),
        (Germanic, true) => (DE_F, DE_L),
        (Nigerian, false) => (NG_M, NG_L),
        (Nigerian, true) => (NG_F, NG_L),
        (Arabic, false) => (AR_M, AR_L),
        (Arabic, true) => (AR_F, AR_L),
        (Japanese, _) => (JP_GIVEN, JP_L),
        (Kenyan, false) => (KE_M, KE_L),
        (Kenyan, true) => (KE_F, KE_L),
    }
}

/// A random family name of a culture.
pub fn surname<R: Rng>(rng: &mut R, c: Culture) -> &'static str {
    pick_str(rng, pools(c, false).1)
}

/// A random given name of a culture.
pub fn given<R: Rng>(rng: &mut R, c: Culture) -> &'static str {
    let female = rng.gen_bool(0.5);
    pick_str(rng, pools(c, female).0)
}

/// Generates a name. `diaspora` means the person lives outside the culture's home
/// country (e.g. a Korean-American), where Western given names are common and the
/// family name always comes last.
pub fn generate<R: Rng>(rng: &mut R, c: Culture, diaspora: bool) -> Name {
    let female = rng.gen_bool(0.5);
    let (given_pool, last_pool) = pools(c, female);
    let last = pick(rng, last_pool).to_string();
    let east_asian = matches!(
        c,
        Culture::Chinese | Culture::Korean | Culture::Vietnamese | Culture::Japanese
    );
    let first = if east_asian && diaspora && rng.gen_bool(0.55) {
        let (g, _) = pools(Culture::Anglo, female);
        pick(rng, g).to_string()
    } else {
        pick(rng, given_pool).to_string()
    };
    let full = if east_asian && !diaspora && rng.gen_bool(0.3) {
        // Family name first, as commonly written at home.
        format!("{last} {first}")
    } else if c == Culture::Anglo && rng.gen_bool(0.15) {
        let initial = (b'A' + rng.gen_range(0..26u8)) as char;
        format!("{first} {initial}. {last}")
    } else if c == Culture::Hispanic && rng.gen_bool(0.25) {
        let second = pick(rng, HISP_L);
        format!("{first} {last} {second}")
    } else {
        format!("{first} {last}")
    };
    Name { first, last, full }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_ascii() {
        assert_eq!(handle_part("Dela Cruz"), "delacruz");
        assert_eq!(handle_part("Wiśniewski"), "wisniewski");
        assert_eq!(handle_part("O'Brien"), "obrien");
        assert_eq!(handle_part("Müller"), "muller");
    }
}
